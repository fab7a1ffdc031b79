package dev.kurz.auth;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of the {@code keys} mode: the whole service with API keys required
 * and one admin key. {@link #api} sends no key; {@link #admin} sends the admin key.
 */
@TestPropertySource(properties = { "kurz.auth.mode=keys", "kurz.auth.admin-keys=" + KeysModeTest.ADMIN_KEY })
abstract class KeysModeTest extends HttpTest {

	static final String ADMIN_KEY = "kurz_test-admin-key-0123456789abcdefghijklmnopqrstuv";

	protected Api admin;

	private int sequence;

	@BeforeEach
	void adminApi() {
		this.admin = this.api.withKey(ADMIN_KEY);
	}

	/** Signs a user up without a key, as a new client would. */
	Account signUp(String name) {
		Api.Response response = this.api.post("/users",
				Json.object("username", name, "email", name + (++this.sequence) + "@example.com"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode body = response.json();
		String key = body.get("api_key").stringValue();
		return new Account(body.get("id").longValue(), key, this.api.withKey(key));
	}

	/** A user, its first key, and the service called with that key. */
	record Account(long id, String key, Api api) {

	}

}
