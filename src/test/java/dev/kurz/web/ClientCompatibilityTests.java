package dev.kurz.web;

import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What other teams' clients send and expect, found by running them against Kurz. */
class ClientCompatibilityTests extends HttpTest {

	@ParameterizedTest
	@ValueSource(strings = { "/users/bulk", "/urls/bulk", "/events/bulk" })
	void bulkImportWithNoBodyAndNoContentTypeIs400NoFile(String path) {
		JsonNode body = assertProblem(this.api.send("POST", path, null, Map.of()), 400);

		assertThat(body.get("error").stringValue()).isEqualTo("no file");
		assertThat(body.path("fields").has("file")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users/bulk", "/urls/bulk", "/events/bulk" })
	void bulkImportOfANonMultipartTypeIs415(String path) {
		assertProblem(this.api.send("POST", path, "a,b\n", Map.of("Content-Type", "text/csv")), 415);
		assertProblem(this.api.post(path, "{}"), 415);
	}

	@Test
	void multipartWithoutItsFileIs400NamingTheFile() {
		JsonNode body = assertProblem(this.api.upload("/users/bulk", "csv", "username,email\n"), 400);

		assertThat(body.path("fields").has("file")).isTrue();
	}

	@Test
	void listFiltersMayComeAsAJsonBody() {
		long ada = Fixtures.id(Fixtures.user(this.api));
		long bob = Fixtures.id(Fixtures.user(this.api));
		long adas = Fixtures.id(Fixtures.url(this.api, ada, "https://example.com/a"));
		Fixtures.url(this.api,
				Json.object("user_id", ada, "original_url", "https://example.com/b", "is_active", false));
		Fixtures.url(this.api, bob, "https://example.com/c");

		Api.Response urls = get("/urls", Json.object("user_id", ada, "is_active", true));
		Api.Response users = get("/users", Json.object("page", 2, "per_page", 1));
		Api.Response events = get("/events", Json.object("url_id", adas, "event_type", "created"));

		assertThat(urls.header("X-Total-Count")).isEqualTo("1");
		assertThat(urls.json().get(0).get("id").longValue()).isEqualTo(adas);
		assertThat(users.json()).hasSize(1);
		assertThat(users.json().get(0).get("id").longValue()).isEqualTo(bob);
		assertThat(events.json()).hasSize(1);
		assertThat(events.json().get(0).get("url_id").longValue()).isEqualTo(adas);
	}

	@Test
	void aQueryParameterWinsOverTheSameNameInTheBody() {
		long ada = Fixtures.id(Fixtures.user(this.api));
		long bob = Fixtures.id(Fixtures.user(this.api));
		Fixtures.url(this.api, ada, "https://example.com/a");
		long bobs = Fixtures.id(Fixtures.url(this.api, bob, "https://example.com/b"));

		Api.Response urls = get("/urls?user_id=" + bob, Json.object("user_id", ada));

		assertThat(urls.header("X-Total-Count")).isEqualTo("1");
		assertThat(urls.json().get(0).get("id").longValue()).isEqualTo(bobs);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1, 2]", "\"user_id\"", "not json", "{\"user_id\": ", "42" })
	void aBodyThatIsNotAJsonObjectIsIgnored(String body) {
		long ada = Fixtures.id(Fixtures.user(this.api));
		Fixtures.url(this.api, ada, "https://example.com/a");

		Api.Response urls = this.api.send("GET", "/urls", body, Map.of("Content-Type", "text/plain"));

		assertThat(urls.status()).isEqualTo(200);
		assertThat(urls.header("X-Total-Count")).isEqualTo("1");
	}

	@Test
	void aBadFilterInTheBodyIs422LikeInTheQuery() {
		assertInvalid(get("/urls", Json.object("user_id", "abc")), "user_id");
		assertInvalid(get("/events", Json.object("page", 0)), "page");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "PATCH", "DELETE" })
	void aMalformedFormBodyIsRefusedWith4xx(String method) {
		long id = Fixtures.id(Fixtures.user(this.api));
		for (String path : new String[] { "/urls/1", "/users/" + id, "/health", "/metrics", "/abc123" }) {
			Api.Response response = this.api.send(method, path, "%zz=%%&a=%",
					Map.of("Content-Type", "application/x-www-form-urlencoded"));

			assertProblem(response, response.status());
			assertThat(response.status()).as("%s %s", method, path).isBetween(400, 499);
		}
		assertThat(this.api.get("/users/" + id).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "text/*" })
	void aWildcardContentTypeIs415(String type) {
		long id = Fixtures.id(Fixtures.user(this.api));

		assertProblem(this.api.send("DELETE", "/users/" + id, "{}", Map.of("Content-Type", type)), 415);
		assertProblem(this.api.send("GET", "/actuator/health", "", Map.of("Content-Type", type)), 415);
		assertThat(this.api.get("/users/" + id).status()).isEqualTo(200);
	}

	private Api.Response get(String path, String json) {
		return this.api.send("GET", path, json, Map.of("Content-Type", "application/json"));
	}

}
