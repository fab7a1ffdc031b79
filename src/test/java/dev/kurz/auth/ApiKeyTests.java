package dev.kurz.auth;

import java.time.Duration;

import dev.kurz.support.Api;
import dev.kurz.support.Instances;
import dev.kurz.support.Json;
import dev.kurz.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keys of a user: created, listed, revoked, and their revocation seen by every replica.
 */
class ApiKeyTests extends KeysModeTest {

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	@Autowired
	private LastUsed lastUsed;

	@Test
	void aNewKeyIsShownOnceAndListedByItsPrefixOnly() {
		Account ada = signUp("ada");
		Api.Response created = ada.api().post("/users/" + ada.id() + "/keys", "");
		assertThat(created.status()).isEqualTo(201);
		JsonNode key = created.json();
		assertThat(key.propertyNames()).containsExactlyInAnyOrder("id", "key", "prefix", "created_at", "last_used_at");
		assertThat(key.get("key").stringValue()).matches("kurz_[A-Za-z0-9_-]{43}")
			.startsWith(key.get("prefix").stringValue());
		assertThat(key.get("prefix").stringValue()).hasSize(13);
		assertThat(key.get("last_used_at").isNull()).isTrue();
		assertThat(created.header("Location")).endsWith("/users/" + ada.id() + "/keys/" + key.get("id").longValue());
		assertThat(created.header("Cache-Control")).isEqualTo("no-store");

		Api.Response list = ada.api().get("/users/" + ada.id() + "/keys");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(2);
		for (JsonNode listed : list.json()) {
			assertThat(listed.propertyNames()).containsExactlyInAnyOrder("id", "prefix", "created_at", "last_used_at");
		}
		assertThat(list.body()).doesNotContain(key.get("key").stringValue()).doesNotContain(ada.key());
		assertThat(this.api.withKey(key.get("key").stringValue()).get("/users/" + ada.id()).status()).isEqualTo(200);
		assertThat(this.admin.get("/users/" + ada.id() + "/keys").json().size()).isEqualTo(2);
		assertThat(this.admin.get("/users/999999/keys").status()).isEqualTo(404);
	}

	@Test
	void aRevokedKeyStopsWorkingAndTheOthersKeepWorking() {
		Account ada = signUp("ada");
		JsonNode second = ada.api().post("/users/" + ada.id() + "/keys", "").json();
		Api secondApi = this.api.withKey(second.get("key").stringValue());
		assertThat(secondApi.get("/urls").status()).isEqualTo(200);

		assertThat(ada.api().delete("/users/" + ada.id() + "/keys/" + second.get("id").longValue()).status())
			.isEqualTo(204);
		AuthenticationTests.assertUnauthorized(secondApi.get("/urls"));
		assertThat(ada.api().get("/urls").status()).isEqualTo(200);
		assertThat(ada.api().get("/users/" + ada.id() + "/keys").json().size()).isEqualTo(1);
		// Idempotent, as every delete.
		assertThat(ada.api().delete("/users/" + ada.id() + "/keys/" + second.get("id").longValue()).status())
			.isEqualTo(204);
	}

	@Test
	void deletingAUserRevokesItsKeys() {
		Account ada = signUp("ada");
		assertThat(ada.api().get("/users").status()).isEqualTo(200);
		assertThat(ada.api().delete("/users/" + ada.id()).status()).isEqualTo(204);
		AuthenticationTests.assertUnauthorized(ada.api().get("/users"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM api_keys", Long.class)).isZero();
	}

	@Test
	void lastUseIsWrittenInBatchesNotPerRequest() {
		Account ada = signUp("ada");
		for (int i = 0; i < 5; i++) {
			assertThat(ada.api().get("/urls").status()).isEqualTo(200);
		}
		this.lastUsed.flush();
		JsonNode used = ada.api().get("/users/" + ada.id() + "/keys").json().get(0);
		assertThat(used.get("last_used_at").isNull()).isFalse();
		// The listing itself was a use, noted in memory only until the next batch.
		String written = this.jdbc.queryForObject("SELECT last_used_at::text FROM api_keys", String.class);
		assertThat(ada.api().get("/urls").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT last_used_at::text FROM api_keys", String.class))
			.isEqualTo(written);
		this.lastUsed.flush();
		assertThat(this.jdbc.queryForObject("SELECT last_used_at::text FROM api_keys", String.class))
			.isGreaterThan(written);
	}

	@Test
	void aRevocationReachesAnotherReplicaWithinOneSecond() {
		try (Instances.Instance other = Instances.start("spring.data.redis.url=" + TestRedis.url(),
				"kurz.auth.mode=keys", "kurz.auth.admin-keys=" + ADMIN_KEY)) {
			Api b = other.api();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(b.get("/health").status()).isEqualTo(200));
			// Subscribed to the change channel (its check runs every second after
			// start-up).
			String code = dev.kurz.support.Fixtures.uniqueCode();
			Account ada = signUp("ada");
			Api.Response link = ada.api()
				.post("/shorten", Json.object("url", "https://example.com/one", "short_code", code));
			long linkId = link.json().get("id").longValue();
			assertThat(b.get("/" + code).status()).isEqualTo(302);
			ada.api().put("/urls/" + linkId, "{\"original_url\":\"https://example.com/two\"}");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(b.get("/" + code).header("Location")).isEqualTo("https://example.com/two"));

			JsonNode second = ada.api().post("/users/" + ada.id() + "/keys", "").json();
			Api secondOnB = b.withKey(second.get("key").stringValue());
			// Both replicas know the key.
			assertThat(secondOnB.get("/urls").status()).isEqualTo(200);
			assertThat(this.api.withKey(second.get("key").stringValue()).get("/urls").status()).isEqualTo(200);

			assertThat(ada.api().delete("/users/" + ada.id() + "/keys/" + second.get("id").longValue()).status())
				.isEqualTo(204);
			await().atMost(ONE_SECOND)
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(secondOnB.get("/urls").status()).isEqualTo(401));
			assertThat(b.withKey(ada.key()).get("/urls").status()).isEqualTo(200);
		}
	}

	@Test
	void rateLimitsCountPerKeyNotPerAddress() {
		String prefix = "kurz:rl:auth-" + java.util.UUID.randomUUID() + ":";
		try (Instances.Instance limited = Instances.start("spring.data.redis.url=" + TestRedis.url(),
				"kurz.auth.mode=keys", "kurz.rate-limit.enabled=true", "kurz.rate-limit.key-prefix=" + prefix,
				"kurz.rate-limit.writes-per-minute=2")) {
			Api open = limited.api();
			String ada = open.post("/users", Json.object("username", "ada", "email", "ada-rl@example.com"))
				.json()
				.get("api_key")
				.stringValue();
			String bob = open.post("/users", Json.object("username", "bob", "email", "bob-rl@example.com"))
				.json()
				.get("api_key")
				.stringValue();
			// Two writes without a key used up the address's budget.
			assertThat(open.post("/users", Json.object("username", "c", "email", "c-rl@example.com")).status())
				.isEqualTo(429);
			Api asAda = open.withKey(ada);
			assertThat(asAda.post("/shorten", Json.object("url", "https://example.com/1")).status()).isEqualTo(201);
			assertThat(asAda.post("/shorten", Json.object("url", "https://example.com/2")).status()).isEqualTo(201);
			assertThat(asAda.post("/shorten", Json.object("url", "https://example.com/3")).status()).isEqualTo(429);
			assertThat(open.withKey(bob).post("/shorten", Json.object("url", "https://example.com/4")).status())
				.isEqualTo(201);
		}
	}

}
