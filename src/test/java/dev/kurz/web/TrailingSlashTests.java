package dev.kurz.web;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Existing clients call paths with and without a trailing slash. */
class TrailingSlashTests extends HttpTest {

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@Test
	void listsAnswerWithATrailingSlash() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		Fixtures.url(this.api, userId, "https://example.com/slash");

		for (String path : new String[] { "/users/", "/urls/", "/events/" }) {
			Api.Response response = this.api.get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.json().size()).as(path).isEqualTo(1);
			assertThat(response.header("X-Total-Count")).as(path).isEqualTo("1");
		}
	}

	@Test
	void listsWithATrailingSlashKeepTheirQuery() {
		long ada = Fixtures.id(Fixtures.user(this.api));
		long bob = Fixtures.id(Fixtures.user(this.api));
		Fixtures.url(this.api, ada, "https://example.com/a");
		Fixtures.url(this.api, bob, "https://example.com/b");

		Api.Response response = this.api.get("/urls/?user_id=" + bob);

		assertThat(response.json().size()).isEqualTo(1);
		assertThat(response.json().get(0).get("user_id").longValue()).isEqualTo(bob);
	}

	@Test
	void createsAnswerWithATrailingSlash() {
		Api.Response user = this.api.post("/users/", Json.object("username", "ada", "email", "ada@example.com"));
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		long userId = user.json().get("id").longValue();

		Api.Response url = this.api.post("/urls/", Json.object("user_id", userId, "original_url", "https://a.io"));
		assertThat(url.status()).as(url.body()).isEqualTo(201);
		Api.Response shortened = this.api.post("/shorten/", Json.object("url", "https://b.io"));
		assertThat(shortened.status()).as(shortened.body()).isEqualTo(201);
		Api.Response event = this.api.post("/events/",
				Json.object("url_id", url.json().get("id").longValue(), "event_type", "share"));
		assertThat(event.status()).as(event.body()).isEqualTo(201);
		assertThat(user.header("Location")).endsWith("/users/" + userId);
	}

	@Test
	void singleResourcesAnswerWithATrailingSlash() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode url = Fixtures.url(this.api, userId, "https://example.com/one");
		long urlId = Fixtures.id(url);

		assertThat(this.api.get("/users/" + userId + "/").status()).isEqualTo(200);
		assertThat(this.api.get("/urls/" + urlId + "/").status()).isEqualTo(200);
		assertThat(this.api.get("/urls/code/" + url.get("short_code").stringValue() + "/").status()).isEqualTo(200);
		assertThat(this.api.put("/urls/" + urlId + "/", Json.object("title", "T")).status()).isEqualTo(200);
		assertThat(this.api.put("/users/" + userId + "/", Json.object("username", "u")).status()).isEqualTo(200);
		assertThat(this.api.get("/" + url.get("short_code").stringValue() + "/").status()).isEqualTo(302);
		assertThat(this.api.delete("/urls/" + urlId + "/").status()).isEqualTo(204);
		assertThat(this.api.delete("/users/" + userId + "/").status()).isEqualTo(204);
	}

	@Test
	void bulkImportAnswersWithATrailingSlash() {
		Api.Response response = this.api.upload("/users/bulk/", "file", "username,email\nada,ada@example.com\n");

		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

}
