package dev.kurz.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The Errors table, and the promise that every error is problem JSON with nothing internal. */
class ErrorContractTests extends HttpTest {

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	@ParameterizedTest
	@ValueSource(strings = { "/users", "/urls", "/shorten", "/events" })
	void malformedJsonIs400(String path) {
		for (String body : new String[] { "{\"username\":", "{'a': 1}", "not json", "{\"a\": 1} trailing", "" }) {
			assertProblem(this.api.post(path, body), 400);
		}
	}

	@Test
	void malformedJsonOnUpdateIs400() {
		long id = Fixtures.id(Fixtures.user(this.api));

		assertProblem(this.api.put("/users/" + id, "{\"username\""), 400);
	}

	@ParameterizedTest
	@CsvSource({ "GET,/users/abc", "GET,/urls/abc", "GET,/events/abc", "PUT,/users/abc", "DELETE,/users/abc",
			"PUT,/urls/abc", "DELETE,/urls/abc", "GET,/users/1.5", "GET,/users/99999999999999999999999",
			"GET,/no/such/path", "GET,/urls/code/nothing" })
	void unknownOrNonNumericIdIs404(String method, String path) {
		String body = method.equals("PUT") ? "{}" : null;

		assertProblem(this.api.send(method, path, body, JSON), 404);
	}

	@ParameterizedTest
	@CsvSource({ "PATCH,/users/1", "DELETE,/users", "PUT,/users", "POST,/users/1", "PATCH,/urls/1", "DELETE,/urls",
			"POST,/urls/1", "PUT,/shorten", "DELETE,/events/1", "PUT,/events/1", "DELETE,/events",
			"GET,/users/bulk", "DELETE,/urls/bulk" })
	void wrongMethodOnAKnownPathIs405(String method, String path) {
		Fixtures.user(this.api);

		Api.Response response = this.api.send(method, path, "{}", JSON);

		assertProblem(response, 405);
		assertThat(response.header("Allow")).isNotBlank();
	}

	@Test
	void getOnShortenIs405() {
		Api.Response response = this.api.get("/shorten");

		assertProblem(response, 405);
		assertThat(response.header("Allow")).contains("POST");
	}

	@Test
	void jsonBodyOver1MiBIs413() {
		String body = Json.object("username", "x".repeat(1024 * 1024), "email", "big@example.com");

		assertProblem(this.api.post("/users", body), 413);
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void chunkedJsonBodyOver1MiBIs413() {
		byte[] body = Json.object("url", "https://example.com/" + "a".repeat(1024 * 1024))
			.getBytes(StandardCharsets.UTF_8);

		assertProblem(this.api.sendChunked("POST", "/shorten", "application/json", body), 413);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void jsonBodyJustUnder1MiBIsRead() {
		String padding = " ".repeat(1024 * 1024 - 200);
		String body = "{\"username\": \"ada\", \"email\": \"ada@example.com\"}" + padding;

		assertThat(this.api.post("/users", body).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml", "text/csv" })
	void nonJsonContentTypeIs415(String type) {
		Map<String, String> headers = Map.of("Content-Type", type);
		String user = Json.object("username", "ada", "email", "ada@example.com");

		assertProblem(this.api.send("POST", "/users", user, headers), 415);
		assertProblem(this.api.send("POST", "/urls", "{}", headers), 415);
		assertProblem(this.api.send("POST", "/shorten", Json.object("url", "https://example.com"), headers), 415);
		assertProblem(this.api.send("POST", "/events", "{}", headers), 415);
		assertProblem(this.api.send("PUT", "/users/1", "{}", headers), 415);
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void missingContentTypeIs415() {
		assertProblem(this.api.send("POST", "/users", Json.object("username", "ada", "email", "a@example.com"),
				Map.of()), 415);
	}

	@Test
	void jsonWithACharsetIsJson() {
		Api.Response response = this.api.send("POST", "/users", Json.object("username", "ada", "email", "a@example.com"),
				Map.of("Content-Type", "application/json; charset=utf-8"));

		assertThat(response.status()).isEqualTo(201);
	}

	@Test
	void conflictsAre409() {
		Fixtures.user(this.api, "ada", "ada@example.com");
		String code = Fixtures.uniqueCode();
		this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", code));

		assertProblem(this.api.post("/users", Json.object("username", "ada", "email", "ada@example.com")), 409);
		assertProblem(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", code)), 409);
	}

	@Test
	void invalidInputIs422WithFields() {
		var body = assertInvalid(this.api.post("/users", Json.object("username", 123, "email", "nope")), "username");

		assertThat(body.get("fields").get("username").isString()).isTrue();
		assertThat(body.get("fields").get("email").isString()).isTrue();
		assertThat(this.api.post("/users", Json.object("username", 123)).header("Content-Type"))
			.contains("application/problem+json");
	}

	@Test
	void errorsAreProblemJson() {
		Api.Response notFound = this.api.get("/users/42");

		assertThat(notFound.header("Content-Type")).contains("application/problem+json");
		assertThat(notFound.json().get("status").intValue()).isEqualTo(404);
		assertThat(assertProblem(this.api.get("/definitely/not/here"), 404).get("status").intValue()).isEqualTo(404);
	}

	@Test
	void hugeIdIsNotAServerError() {
		assertProblem(this.api.get("/urls?user_id=99999999999999999999"), 422);
		assertProblem(this.api.post("/urls", "{\"user_id\": 99999999999999999999, \"original_url\": \"https://a.io\"}"),
				422);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "GET|/users?per_page=99999999999|", "GET|/users?page=-0|",
			"GET|/events?url_id=1e5|", "GET|/urls?is_active=|", "GET|/urls?user_id=%00|", "GET|/users/%20|",
			"GET|/urls/code/%2e%2e|", "GET|/%F0%9F%98%80|", "POST|/users|{\"username\": \"a\\u0000b\", \"email\": \"z@example.com\"}",
			"POST|/users|{\"username\": \"ada\", \"email\": \"ada@example.com\", \"username\": 5}",
			"POST|/shorten|{\"url\": \"https://example.com:99999/\"}", "POST|/shorten|{\"url\": \"https://[::1/\"}",
			"POST|/events|{\"url_id\": 1, \"event_type\": \"x\", \"details\": {\"a\": \"\\u0000\"}}",
			"PUT|/urls/1|{\"title\": \"\\ud800\"}", "DELETE|/urls/1|{\"reason\": \"\\u0000\"}" })
	void oddInputIsNeverAServerError(String method, String path, String body) {
		long userId = Fixtures.id(Fixtures.user(this.api, "owner", "owner@example.com"));
		Fixtures.url(this.api, userId, "https://example.com/target");

		Api.Response response = this.api.send(method, path, body, JSON);

		assertThat(response.status()).as(method + " " + path + " " + body + " -> " + response.body()).isLessThan(500);
		if (response.status() >= 400) {
			assertProblem(response, response.status());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a%00b", "/a%2Fb", "/a%5Cb" })
	void pathsRejectedByTheServletContainerStillAnswerProblemJson(String path) {
		assertProblem(this.api.get(path), 400);
	}

	@Test
	void deeplyNestedJsonIsNotAServerError() {
		String body = "[".repeat(5000) + "]".repeat(5000);

		Api.Response response = this.api.post("/users", body);

		assertThat(response.status()).isBetween(400, 499);
		assertProblem(response, response.status());
	}

}
