package dev.kurz.auth;

import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in, in the keys mode: the key, its two headers, and the answers without one.
 */
class AuthenticationTests extends KeysModeTest {

	@Test
	void signUpNeedsNoKeyAndAnswersTheUserWithItsFirstKey() {
		Api.Response response = this.api.post("/users", Json.object("username", "ada", "email", "ada@example.com"));
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "username", "email", "created_at", "api_key");
		// kurz_ and 256 random bits in URL-safe Base64 without padding.
		assertThat(body.get("api_key").stringValue()).matches("kurz_[A-Za-z0-9_-]{43}");
		assertThat(response.header("Location")).endsWith("/users/" + body.get("id").longValue());
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void theKeyAuthenticatesAsBearerTokenAndAsXApiKey() {
		Account ada = signUp("ada");
		assertThat(ada.api().get("/users/" + ada.id()).status()).isEqualTo(200);
		Api.Response viaHeader = this.api.send("GET", "/users/" + ada.id(), null, Map.of("X-API-Key", ada.key()));
		assertThat(viaHeader.status()).isEqualTo(200);
		Api.Response lowerCaseScheme = this.api.send("GET", "/users/" + ada.id(), null,
				Map.of("Authorization", "bearer " + ada.key()));
		assertThat(lowerCaseScheme.status()).isEqualTo(200);
	}

	@ParameterizedTest
	@CsvSource({ "GET,/users", "GET,/users/1", "PUT,/users/1", "DELETE,/users/1", "POST,/shorten", "POST,/urls",
			"GET,/urls", "GET,/urls/1", "GET,/urls/code/abc", "GET,/urls/1/stats", "PUT,/urls/1", "DELETE,/urls/1",
			"GET,/events", "GET,/events/1", "POST,/events", "POST,/users/bulk", "POST,/urls/bulk", "POST,/events/bulk",
			"GET,/metrics", "GET,/metrics/prometheus", "GET,/users/1/keys", "POST,/users/1/keys",
			"DELETE,/users/1/keys/1" })
	void everyApiRouteWithoutAKeyIs401ProblemWithABearerChallenge(String method, String path) {
		Api.Response response = this.api.send(method, path,
				method.equals("GET") || method.equals("DELETE") ? null : "{}",
				Map.of("Content-Type", "application/json"));
		assertUnauthorized(response);
		assertThat(response.json().get("error").stringValue()).contains("API key is required");
	}

	@Test
	void anUnknownKeyIs401EvenWhereNoKeyIsNeeded() {
		Api wrong = this.api.withKey("kurz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		assertUnauthorized(wrong.get("/urls"));
		Api.Response signUp = wrong.post("/users", Json.object("username", "eve", "email", "eve@example.com"));
		assertUnauthorized(signUp);
		assertThat(signUp.json().get("error").stringValue()).isEqualTo("invalid or revoked API key");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
		Api.Response otherScheme = this.api.send("GET", "/urls", null, Map.of("Authorization", "Basic YWRhOmFkYQ=="));
		assertUnauthorized(otherScheme);
	}

	@Test
	void redirectsAndHealthNeedNoKey() {
		Account ada = signUp("ada");
		Api.Response shortened = ada.api()
			.post("/shorten", "{\"url\":\"https://example.com/open\",\"short_code\":\"open01\"}");
		assertThat(shortened.status()).isEqualTo(201);
		assertThat(this.api.get("/open01").status()).isEqualTo(302);
		assertThat(this.api.head("/open01").status()).isEqualTo(302);
		assertThat(this.api.get("/open01?utm=x").status()).isEqualTo(302);
		assertThat(this.api.get("/nosuchcode").status()).isEqualTo(404);
		// A key, even a wrong one, changes nothing on a redirect.
		assertThat(this.api.withKey("wrong").get("/open01").status()).isEqualTo(302);
		Api.Response health = this.api.get("/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("details").get("auth").stringValue()).isEqualTo("keys");
		assertThat(this.api.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void aUserKeyOnAnAdminRouteIs403AndAnAdminKeyGetsIn() {
		Account ada = signUp("ada");
		for (String path : new String[] { "/metrics", "/metrics/prometheus" }) {
			Api.Response refused = ada.api().get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.json().get("error").stringValue()).isEqualTo("this route needs an admin key");
			assertThat(refused.json().get("request_id").stringValue()).isNotBlank();
			assertThat(this.admin.get(path).status()).as(path).isEqualTo(200);
		}
		for (String kind : new String[] { "users", "urls", "events" }) {
			assertThat(ada.api().upload("/" + kind + "/bulk", "file", "id\n").status()).as(kind).isEqualTo(403);
		}
		Api.Response imported = this.admin.upload("/users/bulk", "file",
				"id,username,email,created_at\n900,bulk,bulk@example.com,2024-01-01T00:00:00Z\n");
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
	}

	@Test
	void anAdminKeyMayDoEverything() {
		Account ada = signUp("ada");
		Api.Response created = this.admin.post("/urls",
				Json.object("user_id", ada.id(), "original_url", "https://example.com/by-admin"));
		assertThat(created.status()).isEqualTo(201);
		long urlId = created.json().get("id").longValue();
		assertThat(this.admin.get("/users").json().size()).isEqualTo(1);
		assertThat(this.admin.get("/urls/" + urlId).status()).isEqualTo(200);
		assertThat(this.admin.put("/urls/" + urlId, "{\"title\":\"t\"}").status()).isEqualTo(200);
		assertThat(this.admin.get("/events?url_id=" + urlId).json().size()).isEqualTo(2);
		assertThat(this.admin.post("/users", Json.object("username", "bob", "email", "bob@example.com")).status())
			.isEqualTo(201);
		assertThat(this.admin.post("/users/" + ada.id() + "/keys", "").status()).isEqualTo(201);
		assertThat(this.admin.delete("/urls/" + urlId).status()).isEqualTo(204);
		assertThat(this.admin.delete("/users/" + ada.id()).status()).isEqualTo(204);
	}

	@Test
	void aUserKeyMaySignUpAnotherUserWithItsOwnKey() {
		Account ada = signUp("ada");
		Api.Response bob = ada.api().post("/users", Json.object("username", "bob", "email", "bob@example.com"));
		assertThat(bob.status()).isEqualTo(201);
		String bobKey = bob.json().get("api_key").stringValue();
		assertThat(bobKey).isNotEqualTo(ada.key());
		Api.Response list = this.api.withKey(bobKey).get("/users");
		assertThat(list.json().size()).isEqualTo(1);
		assertThat(list.json().get(0).get("username").stringValue()).isEqualTo("bob");
	}

	static void assertUnauthorized(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"kurz\"");
		JsonNode body = response.json();
		assertThat(body.get("status").intValue()).isEqualTo(401);
		assertThat(body.get("error").stringValue()).isNotBlank();
		assertThat(body.get("request_id").stringValue()).isNotBlank();
	}

}
