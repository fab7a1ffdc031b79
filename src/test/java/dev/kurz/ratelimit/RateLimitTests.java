package dev.kurz.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.TcpProxy;
import dev.kurz.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.protocol.CommandArgs;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter against a real Redis. Each test starts its own replicas with the limiter on
 * and a key prefix of its own, so buckets never leak between tests.
 */
class RateLimitTests extends HttpTest {

	private static String[] limited(String prefix, String... more) {
		// A generous Redis timeout: a loaded test machine must not tip the limiter into
		// its fallback.
		String[] base = { "kurz.rate-limit.enabled=true", "kurz.rate-limit.key-prefix=" + prefix,
				"kurz.rate-limit.redis-timeout=3s", "spring.data.redis.url=" + TestRedis.url() };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	private static String prefix() {
		return "test:rl:" + UUID.randomUUID() + ":";
	}

	private static Api.Response createUser(Api api, Map<String, String> headers) {
		String body = "{\"username\":\"rl\",\"email\":\"" + UUID.randomUUID() + "@example.com\"}";
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.put("Content-Type", "application/json");
		return api.send("POST", "/users", body, all);
	}

	@Test
	void thirtyFirstWriteInAMinuteIsRefusedAndTheThirtyBeforeItAreNot() {
		String prefix = prefix();
		try (Instances.Instance replica = Instances.start(limited(prefix))) {
			Api api = replica.api();
			for (int i = 1; i <= 30; i++) {
				Api.Response created = createUser(api, Map.of());
				assertThat(created.status()).as("write %d", i).isEqualTo(201);
				assertThat(created.header("RateLimit")).startsWith("\"writes\";r=" + (30 - i) + ";t=");
			}
			Api.Response refused = createUser(api, Map.of());
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.json().get("error").stringValue()).contains("30 writes per minute");
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
			assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"all\";q=200;w=60, \"writes\";q=30;w=60");
			assertThat(refused.header("RateLimit")).startsWith("\"writes\";r=0;t=");

			// Reads still pass: only the write limit is spent.
			Api.Response read = api.get("/users?per_page=1");
			assertThat(read.status()).isEqualTo(200);
			assertThat(read.header("RateLimit")).startsWith("\"all\";r=");

			// Buckets expire once they would be full again: idle clients leave nothing
			// behind.
			Long ttl = this.redis.getExpire(prefix + "{127.0.0.1}:writes");
			assertThat(ttl).isBetween(1L, 60L);
			assertThat(this.redis.getExpire(prefix + "{127.0.0.1}:all")).isBetween(1L, 60L);
		}
	}

	@Test
	void tworeplicasSharingRedisRefuseThe31stWriteWhicheverReceivesIt() {
		String prefix = prefix();
		try (Instances.Instance a = Instances.start(limited(prefix));
				Instances.Instance b = Instances.start(limited(prefix))) {
			for (int i = 0; i < 15; i++) {
				assertThat(createUser(a.api(), Map.of()).status()).isEqualTo(201);
				assertThat(createUser(b.api(), Map.of()).status()).isEqualTo(201);
			}
			assertThat(createUser(a.api(), Map.of()).status()).isEqualTo(429);
			assertThat(createUser(b.api(), Map.of()).status()).isEqualTo(429);
		}
	}

	@Test
	void forwardedForFromAnUntrustedAddressChangesNothing() {
		// Only 10.255.255.254 is a trusted proxy here, so this client (127.0.0.1) is not
		// one.
		try (Instances.Instance replica = Instances
			.start(limited(prefix(), "server.tomcat.remoteip.internal-proxies=10\\.255\\.255\\.254"))) {
			Api api = replica.api();
			for (int i = 1; i <= 30; i++) {
				assertThat(createUser(api, Map.of("X-Forwarded-For", "203.0.113." + i)).status()).isEqualTo(201);
			}
			assertThat(createUser(api, Map.of("X-Forwarded-For", "198.51.100.7")).status()).isEqualTo(429);
		}
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		// The loopback address is a trusted proxy by default, as Nginx on the same host
		// is.
		try (Instances.Instance replica = Instances.start(limited(prefix(), "kurz.rate-limit.writes-per-minute=2"))) {
			Api api = replica.api();
			Map<String, String> alice = Map.of("X-Forwarded-For", "203.0.113.10");
			Map<String, String> bob = Map.of("X-Forwarded-For", "203.0.113.20");
			assertThat(createUser(api, alice).status()).isEqualTo(201);
			assertThat(createUser(api, alice).status()).isEqualTo(201);
			assertThat(createUser(api, alice).status()).isEqualTo(429);
			assertThat(createUser(api, bob).status()).isEqualTo(201);
		}
	}

	@Test
	void allRequestsLimitCountsReadsButNeverProbes() {
		try (Instances.Instance replica = Instances.start(limited(prefix(), "kurz.rate-limit.requests-per-minute=3"))) {
			Api api = replica.api();
			for (int i = 0; i < 10; i++) {
				assertThat(api.get("/health").status()).isEqualTo(200);
				assertThat(api.get("/metrics").status()).isEqualTo(200);
			}
			for (int i = 0; i < 3; i++) {
				assertThat(api.get("/users").status()).isEqualTo(200);
			}
			Api.Response refused = api.get("/users");
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("RateLimit")).startsWith("\"all\";r=0;t=");
			assertThat(refused.json().get("error").stringValue()).contains("3 requests per minute");
			assertThat(api.get("/metrics").json().get("rate_limit").get("refused").longValue()).isEqualTo(1);
		}
	}

	@Test
	void aRefusedWriteCountsAgainstNoLimit() {
		String prefix = prefix();
		try (Instances.Instance replica = Instances
			.start(limited(prefix, "kurz.rate-limit.requests-per-minute=5", "kurz.rate-limit.writes-per-minute=2"))) {
			Api api = replica.api();
			assertThat(createUser(api, Map.of()).status()).isEqualTo(201);
			assertThat(createUser(api, Map.of()).status()).isEqualTo(201);
			for (int i = 0; i < 3; i++) {
				assertThat(createUser(api, Map.of()).status()).isEqualTo(429);
			}
			// Two writes counted, the three refused ones not: three reads are left.
			for (int i = 0; i < 3; i++) {
				assertThat(api.get("/users?per_page=1").status()).isEqualTo(200);
			}
			assertThat(api.get("/users?per_page=1").status()).isEqualTo(429);
		}
	}

	@Test
	void redirectsCountPerAddressApartFromTheApiAndNeverInRedis() {
		String prefix = prefix();
		try (Instances.Instance replica = Instances.start(
				limited(prefix, "kurz.rate-limit.requests-per-minute=2", "kurz.rate-limit.redirects-per-minute=5"))) {
			Api api = replica.api();
			String code = shorten(api);
			Map<String, String> alice = Map.of("X-Forwarded-For", "203.0.113.10");
			for (int i = 1; i <= 5; i++) {
				Api.Response redirect = api.send("GET", "/" + code, null, alice);
				assertThat(redirect.status()).as("redirect %d", i).isEqualTo(302);
				assertThat(redirect.header("RateLimit-Policy")).isEqualTo("\"redirects\";q=5;w=60");
				assertThat(redirect.header("RateLimit")).startsWith("\"redirects\";r=" + (5 - i) + ";t=");
			}
			Api.Response refused = api.send("HEAD", "/" + code, null, alice);
			assertThat(refused.status()).isEqualTo(429);
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
			Api.Response refusedGet = api.send("GET", "/" + code + "?utm=x", null, alice);
			assertThat(refusedGet.status()).isEqualTo(429);
			assertThat(refusedGet.json().get("error").stringValue()).contains("5 redirects per minute");

			// Another address has its own redirects; the API limit was not touched by
			// any.
			assertThat(api.send("GET", "/" + code, null, Map.of("X-Forwarded-For", "203.0.113.20")).status())
				.isEqualTo(302);
			assertThat(api.send("GET", "/urls?per_page=1", null, alice).status()).isEqualTo(200);
			assertThat(api.send("GET", "/urls?per_page=1", null, alice).status()).isEqualTo(200);
			assertThat(api.send("GET", "/urls?per_page=1", null, alice).status()).isEqualTo(429);
			assertThat(this.redis.keys(prefix + "*redirects*")).isEmpty();
		}
	}

	@Test
	void aRedirectIsNeverRefusedBelowTheDefault6000AMinuteFromOneAddress() {
		try (Instances.Instance replica = Instances.start(limited(prefix()))) {
			assertThat(replica.bean(RateLimitProperties.class).redirectsPerMinute()).isEqualTo(6000);
			Api api = replica.api();
			String code = shorten(api);
			for (int i = 1; i <= 6000; i++) {
				assertThat(api.head("/" + code).status()).as("redirect %d", i).isEqualTo(302);
			}
			Api.Response refused = api.head("/" + code);
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("RateLimit")).startsWith("\"redirects\";r=0;t=");
		}
	}

	@Test
	void eachLimitedRequestIsOneRedisCommandAndARedirectNone() {
		String prefix = prefix();
		try (Instances.Instance replica = Instances.start(limited(prefix))) {
			RedisClient client = (RedisClient) ((LettuceConnectionFactory) replica.bean(RedisConnectionFactory.class))
				.getNativeClient();
			List<String> commands = new CopyOnWriteArrayList<>();
			// Commands naming a counter of this test, whichever connection sends them.
			client.addListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					CommandArgs<?, ?> args = event.getCommand().getArgs();
					if (args != null && args.toCommandString().contains(prefix)) {
						commands.add(event.getCommand().getType().toString());
					}
				}
			});
			Api api = replica.api();
			String code = shorten(api);
			for (int i = 0; i < 10; i++) {
				assertThat(createUser(api, Map.of()).status()).isEqualTo(201);
				assertThat(api.get("/users?per_page=1").status()).isEqualTo(200);
				assertThat(api.get("/" + code).status()).isEqualTo(302);
			}
			// One write and twenty API requests: one script call each, none for the
			// redirects.
			assertThat(commands).hasSize(21).containsOnly("EVALSHA");

			// A Redis that lost its scripts gets the script again with the request that
			// finds it missing.
			this.redis.execute((RedisCallback<Void>) (connection) -> {
				connection.scriptingCommands().scriptFlush();
				return null;
			});
			commands.clear();
			assertThat(api.get("/users?per_page=1").status()).isEqualTo(200);
			assertThat(api.get("/users?per_page=1").status()).isEqualTo(200);
			assertThat(commands).containsExactly("EVALSHA", "EVAL", "EVALSHA");
		}
	}

	@Test
	void aControllerChargesExtraWritesToTheRequestsClient() {
		try (Instances.Instance replica = Instances.start(limited(prefix()))) {
			WriteCharge charge = replica.bean(WriteCharge.class);
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/urls/batch");
			request.setRemoteAddr("203.0.113.5");
			assertThat(charge.charge(request, 0)).isTrue();
			assertThat(charge.charge(request, 28)).isTrue();
			// Three more would make 31: refused, and none of them counted.
			assertThat(charge.charge(request, 3)).isFalse();
			assertThat(charge.charge(request, 1)).isTrue();
			Map<String, String> sameClient = Map.of("X-Forwarded-For", "203.0.113.5");
			Api.Response last = createUser(replica.api(), sameClient);
			assertThat(last.status()).isEqualTo(201);
			assertThat(last.header("RateLimit")).startsWith("\"writes\";r=0;t=");
			assertThat(createUser(replica.api(), sameClient).status()).isEqualTo(429);
			assertThat(charge.charge(request, 1)).isFalse();
		}
	}

	private static String batchOf(int items, long userId) {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < items; i++) {
			body.append((i == 0) ? "" : ",")
				.append("{\"user_id\":")
				.append(userId)
				.append(",\"original_url\":\"https://example.com/batch/")
				.append(UUID.randomUUID())
				.append("\"}");
		}
		return body.append(']').toString();
	}

	@Test
	void aBatchCostsOneWritePerTenItemsAndARefusedOneCreatesNothing() {
		try (Instances.Instance replica = Instances.start(limited(prefix()))) {
			Api api = replica.api();
			Map<String, String> json = Map.of("Content-Type", "application/json");
			long user = createUser(api, Map.of()).json().get("id").longValue();
			// 301 items cost 31 writes: more than the client has left, so nothing is
			// made.
			// The request itself counted as one write, as every write does.
			Api.Response refused = api.send("POST", "/urls/batch", batchOf(301, user), json);
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.json().get("error").stringValue()).contains("30 writes per minute");
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
			assertThat(api.get("/urls?per_page=1").header("X-Total-Count")).isEqualTo("0");
			// 271 items cost 28 writes: with the user and the refused batch, 30 in all.
			Api.Response created = api.send("POST", "/urls/batch", batchOf(271, user), json);
			assertThat(created.status()).as(created.body()).isEqualTo(200);
			assertThat(created.json().get("created").intValue()).as(created.body()).isEqualTo(271);
			assertThat(createUser(api, Map.of()).status()).isEqualTo(429);
		}
	}

	private static String shorten(Api api) {
		Api.Response created = api.post("/shorten", "{\"url\":\"https://example.com/" + UUID.randomUUID() + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("short_code").stringValue();
	}

	@Test
	void aRedisThatStopsAnsweringHoldsARequestForItsTimeoutAtMost() throws IOException {
		try (TcpProxy redis = new TcpProxy(TestRedis.host(), TestRedis.port());
				Instances.Instance replica = Instances.start("kurz.rate-limit.enabled=true",
						"kurz.rate-limit.key-prefix=" + prefix(), "kurz.rate-limit.redis-timeout=300ms",
						"spring.data.redis.url=" + TestRedis.urlVia(redis))) {
			Api api = replica.api();
			assertThat(api.get("/urls/999999999").header("RateLimit")).isNotNull();
			assertThat(api.get("/metrics").json().get("rate_limit").get("local_fallback").booleanValue()).isFalse();
			redis.blackhole();
			for (int i = 1; i <= RateLimiter.BREAKER_THRESHOLD; i++) {
				long started = System.nanoTime();
				Api.Response read = api.get("/urls/999999999");
				long millis = (System.nanoTime() - started) / 1_000_000;
				assertThat(read.status()).as("read %d", i).isEqualTo(404);
				assertThat(read.header("RateLimit")).as("read %d", i).isNotNull();
				// 300 ms of timeout and a loaded machine's slack; an unbounded wait would
				// last until the client gives up (30 s).
				assertThat(millis).as("read %d", i).isLessThan(5_000);
			}
			assertThat(api.get("/metrics").json().get("rate_limit").get("local_fallback").booleanValue()).isTrue();
		}
	}

	@Test
	void unreachableRedisGivesLocalLimitsAndNo5xx() throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		try (Instances.Instance replica = Instances.start("kurz.rate-limit.enabled=true",
				"kurz.rate-limit.key-prefix=" + prefix(), "spring.data.redis.url=redis://127.0.0.1:" + deadPort)) {
			Api api = replica.api();
			for (int i = 1; i <= 30; i++) {
				assertThat(createUser(api, Map.of()).status()).as("write %d", i).isEqualTo(201);
			}
			assertThat(createUser(api, Map.of()).status()).isEqualTo(429);
			assertThat(api.get("/metrics").json().get("rate_limit").get("local_fallback").booleanValue()).isTrue();
			Api.Response health = api.get("/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().get("status").stringValue()).isEqualTo("degraded");
			assertThat(health.json().get("details").get("rate_limit").get("mode").stringValue()).isEqualTo("local");
		}
	}

}
