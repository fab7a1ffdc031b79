package dev.kurz.support;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates users and links through the API, failing fast when the API refuses. */
public final class Fixtures {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private Fixtures() {
	}

	/** A custom short code no earlier test used, so no cache can remember it. */
	public static String uniqueCode() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public static JsonNode user(Api api) {
		int n = SEQUENCE.incrementAndGet();
		return user(api, "user" + n, "user" + n + "@example.com");
	}

	public static JsonNode user(Api api, String username, String email) {
		Api.Response response = api.post("/users", Json.object("username", username, "email", email));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	public static JsonNode url(Api api, long userId, String originalUrl) {
		return url(api, Json.object("user_id", userId, "original_url", originalUrl));
	}

	public static JsonNode url(Api api, String body) {
		Api.Response response = api.post("/urls", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	/**
	 * Clicks are written off the request path. Reading events first writes every click
	 * taken so far, so no click batch is still in flight when the next test empties the
	 * tables.
	 */
	public static void settleClicks(Api api) {
		assertThat(api.get("/events?event_type=click&per_page=1").status()).isEqualTo(200);
	}

	public static long id(JsonNode node) {
		return node.get("id").longValue();
	}

}
