package dev.kurz.auth;

import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A user key batches, exports and reuses idempotency keys within its own links only. */
class BatchAndExportOwnershipTests extends KeysModeTest {

	@Test
	void aBatchCreatesLinksOfTheCallerAndRefusesAnotherUsersId() {
		Account alice = signUp("alice");
		Account bob = signUp("bob");

		Api.Response response = alice.api()
			.post("/urls/batch", "[{\"original_url\": \"https://example.com/a\"}, {\"user_id\": " + bob.id()
					+ ", \"original_url\": \"https://example.com/b\"}]");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		assertThat(results.get(0).get("status").intValue()).isEqualTo(201);
		assertThat(results.get(0).get("url").get("user_id").longValue()).isEqualTo(alice.id());
		assertThat(results.get(1).get("status").intValue()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM urls WHERE user_id = ?", Long.class, bob.id()))
			.isZero();
	}

	@Test
	void anExportHoldsTheCallersOwnLinksAndTheirEventsOnly() {
		Account alice = signUp("alice");
		Account bob = signUp("bob");
		alice.api().post("/urls", Json.object("original_url", "https://example.com/mine"));
		bob.api().post("/urls", Json.object("original_url", "https://example.com/theirs"));

		Api.Response urls = alice.api().get("/urls/export.csv");
		Api.Response named = alice.api().get("/urls/export.csv?user_id=" + bob.id());
		Api.Response events = alice.api().get("/events/export.csv");
		Api.Response everything = this.admin.get("/urls/export.csv");

		assertThat(urls.status()).isEqualTo(200);
		assertThat(urls.body().lines().skip(1)).singleElement()
			.satisfies((line) -> assertThat(line).contains("https://example.com/mine"));
		assertThat(named.body().lines().skip(1)).isEmpty();
		assertThat(events.body().lines().skip(1)).singleElement()
			.satisfies((line) -> assertThat(line).contains(",created,").doesNotContain("theirs"));
		assertThat(everything.body().lines().skip(1)).hasSize(2);
	}

	@Test
	void anExportWithoutAKeyIs401() {
		assertThat(this.api.get("/urls/export.csv").status()).isEqualTo(401);
		assertThat(this.api.get("/events/export.csv").status()).isEqualTo(401);
		assertThat(this.api.post("/urls/batch", "[]").status()).isEqualTo(401);
	}

	@Test
	void idempotencyKeysOfTwoUsersAreApart() {
		Account alice = signUp("alice");
		Account bob = signUp("bob");
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "same-key");
		String body = Json.object("original_url", "https://example.com/x");

		Api.Response first = alice.api().send("POST", "/urls", body, headers);
		Api.Response second = bob.api().send("POST", "/urls", body, headers);

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json().get("user_id").longValue()).isEqualTo(bob.id());
		assertThat(second.header("Idempotent-Replayed")).isNull();
	}

}
