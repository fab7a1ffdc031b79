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

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Errors table where it needs the running service: errors answered by filters or by
 * Tomcat before MVC, unknown paths and ids, conflicts with stored data, and odd input
 * anywhere. Every error is problem JSON with nothing internal. What MVC refuses is in
 * {@link ErrorContractTests}.
 */
class ErrorContractEndToEndTests extends HttpTest {

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	@ParameterizedTest
	@ValueSource(strings = { "/no/such/path", "/urls/code/nothing" })
	void unknownPathOrCodeIs404(String path) {
		assertProblem(this.api.get(path), 404);
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
	void formBodyOnUpdateIs415() {
		assertProblem(
				this.api.send("PUT", "/users/1", "{}", Map.of("Content-Type", "application/x-www-form-urlencoded")),
				415);
	}

	@Test
	void jsonBodyJustUnder1MiBIsRead() {
		String padding = " ".repeat(1024 * 1024 - 200);
		String body = "{\"username\": \"ada\", \"email\": \"ada@example.com\"}" + padding;

		assertThat(this.api.post("/users", body).status()).isEqualTo(201);
	}

	@Test
	void jsonWithACharsetIsJson() {
		Api.Response response = this.api.send("POST", "/users",
				Json.object("username", "ada", "email", "a@example.com"),
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
	void errorsAreProblemJson() {
		Api.Response notFound = this.api.get("/users/42");

		assertThat(notFound.header("Content-Type")).contains("application/problem+json");
		assertThat(notFound.json().get("status").intValue()).isEqualTo(404);
		assertThat(assertProblem(this.api.get("/definitely/not/here"), 404).get("status").intValue()).isEqualTo(404);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "GET|/users?per_page=99999999999|", "GET|/users?page=-0|", "GET|/events?url_id=1e5|",
					"GET|/urls?is_active=|", "GET|/urls?user_id=%00|", "GET|/users/%20|", "GET|/urls/code/%2e%2e|",
					"GET|/%F0%9F%98%80|", "POST|/users|{\"username\": \"a\\u0000b\", \"email\": \"z@example.com\"}",
					"POST|/users|{\"username\": \"ada\", \"email\": \"ada@example.com\", \"username\": 5}",
					"POST|/shorten|{\"url\": \"https://example.com:99999/\"}",
					"POST|/shorten|{\"url\": \"https://[::1/\"}",
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

}
