package dev.kurz.auth;

import java.util.Map;
import java.util.UUID;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.Json;
import dev.kurz.support.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the keys mode a request with a valid key counts against that key's API limit, not
 * its address's: clients behind one address (one company's NAT) do not share a limit.
 */
class KeyRateLimitTests extends HttpTest {

	@Test
	void anAuthenticatedClientsApiBudgetIsItsOwnNotItsAddresss() {
		try (Instances.Instance replica = Instances.start("kurz.auth.mode=keys", "kurz.rate-limit.enabled=true",
				"kurz.rate-limit.key-prefix=test:rl:" + UUID.randomUUID() + ":",
				"kurz.rate-limit.requests-per-minute=3", "kurz.rate-limit.redis-timeout=3s",
				"spring.data.redis.url=" + TestRedis.url())) {
			Api anonymous = replica.api();
			// Two sign-ups from this address: two of its three requests.
			Api alice = signUp(anonymous, "alice");
			Api bob = signUp(anonymous, "bob");
			for (int i = 1; i <= 3; i++) {
				Api.Response read = alice.get("/urls");
				assertThat(read.status()).as("alice's read %d", i).isEqualTo(200);
				assertThat(read.header("RateLimit")).startsWith("\"all\";r=" + (3 - i) + ";t=");
			}
			assertThat(alice.get("/urls").status()).isEqualTo(429);
			for (int i = 1; i <= 3; i++) {
				assertThat(bob.get("/urls").status()).as("bob's read %d", i).isEqualTo(200);
			}
			assertThat(bob.get("/urls").status()).isEqualTo(429);
			// The address without a key has its third request left, then no more.
			Map<String, String> json = Map.of("Content-Type", "application/json");
			String carol = Json.object("username", "carol", "email", UUID.randomUUID() + "@example.com");
			assertThat(anonymous.send("POST", "/users", carol, json).status()).isEqualTo(201);
			assertThat(anonymous.send("POST", "/users", carol, json).status()).isEqualTo(429);
		}
	}

	private static Api signUp(Api anonymous, String name) {
		Api.Response response = anonymous.post("/users",
				Json.object("username", name, "email", name + UUID.randomUUID() + "@example.com"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return anonymous.withKey(response.json().get("api_key").stringValue());
	}

}
