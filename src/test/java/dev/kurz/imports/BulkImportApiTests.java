package dev.kurz.imports;

import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BulkImportApiTests extends HttpTest {

	private static final String USERS = """
			id,username,email,created_at
			1,ada,ada@example.com,2025-06-09 11:24:49
			2,bob,bob@example.com,2025-06-10 08:00:00
			""";

	private static final String URLS = """
			id,user_id,short_code,original_url,title,is_active,created_at,updated_at
			10,1,ImpOne,https://example.com/1,One,True,2025-06-09 11:24:49,2025-06-09 11:24:49
			11,2,ImpTwo,https://example.com/2,,False,2025-06-09 11:24:49,2025-06-10 11:24:49
			""";

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/bulk", "/urls/bulk", "/events/bulk" })
	void emptyCsvAnswers200WithNothingImported(String path) {
		for (String csv : new String[] { "", "\n" }) {
			Api.Response response = this.api.upload(path, "file", csv);

			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("imported", "skipped");
			assertThat(response.json().get("imported").intValue()).isZero();
			assertThat(response.json().get("skipped").intValue()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/bulk", "/urls/bulk", "/events/bulk" })
	void headerWithoutRowsAnswers200WithNothingImported(String path) {
		String header = switch (path) {
			case "/users/bulk" -> "username,email\n";
			case "/urls/bulk" -> "id,user_id,short_code,original_url,title,is_active,created_at,updated_at\n";
			default -> "id,url_id,user_id,event_type,timestamp,details\n";
		};

		Api.Response response = this.api.upload(path, "file", header);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("imported").intValue()).isZero();
		assertThat(response.json().get("skipped").intValue()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/bulk", "/urls/bulk", "/events/bulk" })
	void multipartWithoutFileIs400(String path) {
		assertProblem(this.api.upload(path, null, null), 400);
		assertProblem(this.api.upload(path, "csv", USERS), 400);
	}

	@Test
	void usersCsvWithOnlyUsernameAndEmailGetsFreshIds() {
		Fixtures.user(this.api, "first", "first@example.com");

		Api.Response response = this.api.upload("/users/bulk", "file",
				"username,email\nada,ada@example.com\n" + "bob,bob@example.com\n");

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(2);
		JsonNode users = this.api.get("/users").json();
		assertThat(users.valueStream().map((u) -> u.get("id").longValue()).toList()).containsExactly(1L, 2L, 3L);
		assertThat(users.get(2).get("email").stringValue()).isEqualTo("bob@example.com");
		assertThat(users.get(2).get("created_at").isString()).isTrue();
	}

	@Test
	void badUserRowsAreSkippedAndCounted() {
		Fixtures.user(this.api, "taken", "taken@example.com");
		String csv = """
				id,username,email,created_at
				10,good,good@example.com,2025-06-09 11:24:49
				11,dupe,TAKEN@example.com,2025-06-09 11:24:49
				12,bademail,not-an-email,2025-06-09 11:24:49
				13,,blank@example.com,2025-06-09 11:24:49
				14,badtime,badtime@example.com,yesterday
				abc,badid,badid@example.com,2025-06-09 11:24:49
				15,inside,good@example.com,2025-06-09 11:24:49
				10,sameid,other@example.com,2025-06-09 11:24:49
				""";

		Api.Response response = this.api.upload("/users/bulk", "file", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(1);
		assertThat(response.json().get("skipped").intValue()).isEqualTo(7);
		assertThat(response.json().get("count").intValue()).isEqualTo(1);
		assertThat(this.api.get("/users").json().valueStream().map((u) -> u.get("username").stringValue()).toList())
			.containsExactly("taken", "good");
	}

	@Test
	void badUrlRowsAreSkippedAndCounted() {
		this.api.upload("/users/bulk", "file", USERS);
		String csv = """
				id,user_id,short_code,original_url,title,is_active,created_at,updated_at
				20,1,GoodOne,https://example.com/good,Good,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				21,99,NoUser,https://example.com/x,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				22,1,BadUrl,not a url,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				23,1,ab,https://example.com/short,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				24,1,users,https://example.com/reserved,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				25,1,BadFlag,https://example.com/flag,,Maybe,2025-06-09 11:24:49,2025-06-09 11:24:49
				26,1,GoodOne,https://example.com/dupe,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				27,1,FtpUrl,ftp://example.com/x,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				28,,NoOwner,https://example.com/anon,,True,2025-06-09 11:24:49,2025-06-09 11:24:49
				""";

		Api.Response response = this.api.upload("/urls/bulk", "file", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(2);
		assertThat(response.json().get("skipped").intValue()).isEqualTo(7);
		assertThat(this.api.get("/urls").json().valueStream().map((u) -> u.get("short_code").stringValue()).toList())
			.containsExactly("GoodOne", "NoOwner");
		assertThat(this.api.get("/GoodOne").header("Location")).isEqualTo("https://example.com/good");
		assertThat(this.api.get("/urls/28").json().get("user_id").isNull()).isTrue();
	}

	@Test
	void badEventRowsAreSkippedAndCounted() {
		this.api.upload("/users/bulk", "file", USERS);
		this.api.upload("/urls/bulk", "file", URLS);
		String csv = """
				id,url_id,user_id,event_type,timestamp,details
				1,10,1,created,2025-06-09 11:24:49,"{""short_code"":""ImpOne""}"
				2,999,1,created,2025-06-09 11:24:49,"{}"
				3,10,1,created,2025-06-09 11:24:49,not json
				4,10,1,created,2025-06-09 11:24:49,"[1,2]"
				5,10,1,,2025-06-09 11:24:49,"{}"
				6,abc,1,created,2025-06-09 11:24:49,"{}"
				7,10,,click,2025-06-09 11:24:50,
				""";

		Api.Response response = this.api.upload("/events/bulk", "file", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(2);
		assertThat(response.json().get("skipped").intValue()).isEqualTo(5);
		JsonNode events = this.api.get("/events").json();
		assertThat(events.valueStream().map((e) -> e.get("id").longValue()).toList()).containsExactly(1L, 7L);
		assertThat(events.get(0).get("details").get("short_code").stringValue()).isEqualTo("ImpOne");
		assertThat(events.get(1).get("user_id").isNull()).isTrue();
		assertThat(events.get(1).get("details").isObject()).isTrue();
	}

	@Test
	void rowsWithNulCharactersAreSkippedAndCounted() {
		Api.Response users = this.api.upload("/users/bulk", "file",
				"id,username,email\n1,ada,ada@example.com\n2,n\0l,nul@example.com\n3,bob,bob@example.com\n");
		Api.Response urls = this.api.upload("/urls/bulk", "file",
				"id,user_id,short_code,original_url,title\n1,1,NulOne,https://example.com/1,ok\n"
						+ "2,1,NulTwo,https://example.com/2,ti\0tle\n");
		Api.Response events = this.api.upload("/events/bulk", "file",
				"id,url_id,event_type,details\n1,1,share,\"{\"\"a\"\":1}\"\n"
						+ "2,1,share,\"{\"\"a\"\":\"\"\\u0000\"\"}\"\n");

		assertThat(users.status()).as(users.body()).isEqualTo(201);
		assertThat(users.json().get("imported").intValue()).isEqualTo(2);
		assertThat(users.json().get("skipped").intValue()).isEqualTo(1);
		assertThat(urls.status()).as(urls.body()).isEqualTo(201);
		assertThat(urls.json().get("imported").intValue()).isEqualTo(1);
		assertThat(urls.json().get("skipped").intValue()).isEqualTo(1);
		assertThat(events.status()).as(events.body()).isEqualTo(201);
		assertThat(events.json().get("imported").intValue()).isEqualTo(1);
		assertThat(events.json().get("skipped").intValue()).isEqualTo(1);
	}

	@Test
	void importedLinksAndUsersWorkWithTheRestOfTheApi() {
		this.api.upload("/users/bulk", "file", USERS);
		this.api.upload("/urls/bulk", "file", URLS);

		assertThat(this.api.get("/ImpOne").header("Location")).isEqualTo("https://example.com/1");
		assertThat(this.api.get("/ImpTwo").status()).isEqualTo(404);
		assertThat(this.api.get("/urls?user_id=2").json().get(0).get("title").isNull()).isTrue();
		assertProblem(this.api.post("/users", Json.object("username", "x", "email", "ADA@example.com")), 409);
		assertProblem(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", "ImpOne")),
				409);
		Api.Response url = this.api.post("/urls", Json.object("user_id", 2, "original_url", "https://example.com/n"));
		assertThat(url.json().get("id").longValue()).isGreaterThan(11);
	}

	@Test
	void csvMissingARequiredColumnIsRejectedAndImportsNothing() {
		Api.Response response = this.api.upload("/users/bulk", "file", "id,username\n1,ada\n");

		assertThat(response.status()).isBetween(400, 422);
		assertProblem(response, response.status());
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void csvOver10MiBIs413() {
		StringBuilder csv = new StringBuilder("username,email\n");
		int i = 0;
		while (csv.length() <= 10 * 1024 * 1024 + 1024) {
			csv.append("user").append(i).append(",user").append(i).append("@example.com\n");
			i++;
		}

		assertProblem(this.api.upload("/users/bulk", "file", csv.toString()), 413);
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void bulkEndpointsRefuseJson() {
		assertProblem(this.api.post("/users/bulk", "{}"), 415);
		assertProblem(this.api.send("POST", "/urls/bulk", "id,user_id\n", Map.of("Content-Type", "text/csv")), 415);
	}

}
