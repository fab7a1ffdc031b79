package dev.kurz.link;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlApiTests extends HttpTest {

	private static final List<String> URL_FIELDS = List.of("id", "short_code", "original_url", "title", "is_active",
			"user_id", "created_at", "updated_at", "expires_at", "expired_url", "max_clicks", "redirect_type",
			"forward_query");

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@Test
	void createReturns201WithAGeneratedCodeAndLocation() {
		long userId = Fixtures.id(Fixtures.user(this.api));

		Api.Response response = this.api.post("/urls",
				Json.object("user_id", userId, "original_url", "https://example.com/docs", "title", "Docs"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode url = response.json();
		assertThat(url.propertyNames()).containsExactlyInAnyOrderElementsOf(URL_FIELDS);
		assertThat(url.get("short_code").stringValue()).matches("[A-Za-z0-9]{6}");
		assertThat(url.get("original_url").stringValue()).isEqualTo("https://example.com/docs");
		assertThat(url.get("title").stringValue()).isEqualTo("Docs");
		assertThat(url.get("is_active").booleanValue()).isTrue();
		assertThat(url.get("user_id").longValue()).isEqualTo(userId);
		assertThat(response.header("Location")).endsWith("/urls/" + url.get("id").longValue());
	}

	@Test
	void createKeepsTheRequestedCustomCodeAndAcceptsUrlForOriginalUrl() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String code = Fixtures.uniqueCode();

		Api.Response response = this.api.post("/urls", Json.object("user_id", userId, "url",
				"https://example.com/alias", "short_code", code, "is_active", false));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("short_code").stringValue()).isEqualTo(code);
		assertThat(response.json().get("original_url").stringValue()).isEqualTo("https://example.com/alias");
		assertThat(response.json().get("is_active").booleanValue()).isFalse();
	}

	@Test
	void unknownUserOnUrlsIs404() {
		assertProblem(this.api.post("/urls", Json.object("user_id", 999, "original_url", "https://example.com")), 404);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void getByIdAndByCodeReturnTheUrl() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode created = Fixtures.url(this.api, userId, "https://example.com/x");

		Api.Response byId = this.api.get("/urls/" + Fixtures.id(created));
		Api.Response byCode = this.api.get("/urls/code/" + created.get("short_code").stringValue());

		assertThat(byId.status()).isEqualTo(200);
		assertThat(byId.json()).isEqualTo(created);
		assertThat(byCode.status()).isEqualTo(200);
		assertThat(byCode.json()).isEqualTo(created);
	}

	@Test
	void unknownIdOrCodeIs404() {
		assertProblem(this.api.get("/urls/12345"), 404);
		assertProblem(this.api.get("/urls/abc"), 404);
		assertProblem(this.api.get("/urls/code/nosuchcode"), 404);
		assertProblem(this.api.put("/urls/12345", Json.object("title", "x")), 404);
	}

	@Test
	void deleteOfAnIdThatNeverExistedIs204LikeForUsers() {
		var response = this.api.delete("/urls/12345");

		assertThat(response.status()).isEqualTo(204);
		assertThat(this.api.delete("/users/12345").status()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events", Long.class)).isZero();
	}

	@Test
	void listFiltersByUserAndActiveFlagInIdOrder() {
		long ada = Fixtures.id(Fixtures.user(this.api));
		long bob = Fixtures.id(Fixtures.user(this.api));
		long a1 = Fixtures.id(Fixtures.url(this.api, ada, "https://example.com/a1"));
		long b1 = Fixtures.id(Fixtures.url(this.api, bob, "https://example.com/b1"));
		long a2 = Fixtures.id(Fixtures.url(this.api,
				Json.object("user_id", ada, "original_url", "https://example.com/a2", "is_active", false)));
		long b2 = Fixtures.id(Fixtures.url(this.api, bob, "https://example.com/b2"));

		assertThat(ids(this.api.get("/urls"))).containsExactly(a1, b1, a2, b2);
		assertThat(ids(this.api.get("/urls?user_id=" + ada))).containsExactly(a1, a2);
		assertThat(ids(this.api.get("/urls?is_active=true"))).containsExactly(a1, b1, b2);
		assertThat(ids(this.api.get("/urls?is_active=false"))).containsExactly(a2);
		assertThat(ids(this.api.get("/urls?user_id=" + ada + "&is_active=true"))).containsExactly(a1);
		assertThat(this.api.get("/urls?user_id=" + bob).header("X-Total-Count")).isEqualTo("2");
		assertThat(this.api.get("/urls").json().get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(URL_FIELDS);
	}

	@Test
	void badListFilterIsAClientError() {
		assertProblem(this.api.get("/urls?user_id=abc"), 422);
		assertProblem(this.api.get("/urls?is_active=maybe"), 422);
	}

	@Test
	void updateChangesTitleTargetAndActiveFlag() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode created = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/old", "title", "Old"));
		long id = Fixtures.id(created);

		Api.Response response = this.api.put("/urls/" + id,
				Json.object("title", "New", "original_url", "https://example.com/new", "is_active", false));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode url = response.json();
		assertThat(url.propertyNames()).containsExactlyInAnyOrderElementsOf(URL_FIELDS);
		assertThat(url.get("title").stringValue()).isEqualTo("New");
		assertThat(url.get("original_url").stringValue()).isEqualTo("https://example.com/new");
		assertThat(url.get("is_active").booleanValue()).isFalse();
		assertThat(url.get("short_code")).isEqualTo(created.get("short_code"));
		assertThat(url.get("created_at")).isEqualTo(created.get("created_at"));
		assertThat(Instant.parse(url.get("updated_at").stringValue()))
			.isAfter(Instant.parse(created.get("updated_at").stringValue()));
		assertThat(this.api.get("/urls/" + id).json()).isEqualTo(url);
	}

	@Test
	void updateAcceptsUrlAsAnotherNameAndNullClearsTheTitle() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/old", "title", "Old")));

		Api.Response retargeted = this.api.put("/urls/" + id, Json.object("url", "https://example.com/via-url"));
		Api.Response cleared = this.api.put("/urls/" + id, Json.object("title", null));

		assertThat(retargeted.json().get("original_url").stringValue()).isEqualTo("https://example.com/via-url");
		assertThat(retargeted.json().get("title").stringValue()).isEqualTo("Old");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.json().get("title").isNull()).isTrue();
		assertThat(cleared.json().get("original_url").stringValue()).isEqualTo("https://example.com/via-url");
	}

	@Test
	void deleteReturns204AndHidesTheUrl() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode created = Fixtures.url(this.api, userId, "https://example.com/gone");
		long id = Fixtures.id(created);
		long other = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/stays"));
		String code = created.get("short_code").stringValue();
		assertThat(this.api.get("/" + code).status()).isEqualTo(302);

		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);

		assertProblem(this.api.get("/urls/" + id), 404);
		assertProblem(this.api.get("/urls/code/" + code), 404);
		assertProblem(this.api.get("/" + code), 404);
		assertProblem(this.api.put("/urls/" + id, Json.object("title", "again")), 404);
		assertThat(ids(this.api.get("/urls"))).containsExactly(other);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("1");
		assertThat(ids(this.api.get("/urls?user_id=" + userId))).containsExactly(other);
	}

	@Test
	void deletedUrlKeepsItsHistoryAndASecondDeleteIs204() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/gone"));

		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);
		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);

		JsonNode events = this.api.get("/events?url_id=" + id).json();
		assertThat(events.valueStream().map((e) -> e.get("event_type").stringValue()).toList())
			.containsExactly("created", "deleted");
		Integer rows = this.jdbc.queryForObject("SELECT count(*) FROM urls WHERE id = ? AND deleted_at IS NOT NULL",
				Integer.class, id);
		assertThat(rows).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesToRemoveALinkRowThatClicksNameById() {
		long id = Fixtures.id(this.api.post("/shorten", Json.object("url", "https://example.com/kept")).json());

		// Click rows carry no foreign key (V5): that no link row is ever removed is what
		// keeps them valid.
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM urls WHERE id = ?", id))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("rows of urls are never removed");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM urls WHERE id = ?", Integer.class, id)).isEqualTo(1);
	}

	@Test
	void deletedCodeCannotBeReusedByANewLink() {
		String code = Fixtures.uniqueCode();
		long id = Fixtures
			.id(this.api.post("/shorten", Json.object("url", "https://example.com/1", "short_code", code)).json());
		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);

		Api.Response again = this.api.post("/shorten", Json.object("url", "https://example.com/2", "short_code", code));

		assertProblem(again, 409);
		assertProblem(this.api.get("/" + code), 404);
	}

	@Test
	void deleteAcceptsAnEmptyBodyOrAReason() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long first = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/1"));
		long second = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/2"));

		Api.Response withReason = this.api.send("DELETE", "/urls/" + first, Json.object("reason", "spam"),
				Map.of("Content-Type", "application/json"));
		Api.Response emptyJson = this.api.send("DELETE", "/urls/" + second, "",
				Map.of("Content-Type", "application/json"));

		assertThat(withReason.status()).as(withReason.body()).isEqualTo(204);
		assertThat(emptyJson.status()).as(emptyJson.body()).isEqualTo(204);
		assertProblem(this.api.get("/urls/" + second), 404);
	}

	static List<Long> ids(Api.Response list) {
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().valueStream().map((node) -> node.get("id").longValue()).toList();
	}

}
