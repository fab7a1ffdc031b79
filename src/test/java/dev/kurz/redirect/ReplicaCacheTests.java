package dev.kurz.redirect;

import java.time.Duration;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.TcpProxy;
import dev.kurz.support.TestRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas on one PostgreSQL and one Redis, as behind Nginx. */
class ReplicaCacheTests extends HttpTest {

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private String redisUrl() {
		return "spring.data.redis.url=" + TestRedis.url();
	}

	private long shorten(Api api, String code, String url) {
		Api.Response created = api.post("/shorten", "{\"url\":\"" + url + "\",\"short_code\":\"" + code + "\"}");
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").longValue();
	}

	@Test
	void changeOnOneReplicaReachesTheOtherWithinOneSecond() {
		try (Instances.Instance other = Instances.start(redisUrl())) {
			Api b = other.api();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(b.get("/health").status()).isEqualTo(200));
			long id = shorten(this.api, "repl01", "https://example.com/one");
			// Both replicas hold the link in their local caches.
			assertThat(this.api.get("/repl01").header("Location")).isEqualTo("https://example.com/one");
			assertThat(b.get("/repl01").header("Location")).isEqualTo("https://example.com/one");

			assertThat(this.api.put("/urls/" + id, "{\"original_url\":\"https://example.com/two\"}").status())
				.isEqualTo(200);
			assertThat(this.api.get("/repl01").header("Location")).isEqualTo("https://example.com/two");
			await().atMost(ONE_SECOND)
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(
						() -> assertThat(b.get("/repl01").header("Location")).isEqualTo("https://example.com/two"));

			assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);
			await().atMost(ONE_SECOND)
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(b.get("/repl01").status()).isEqualTo(404));
		}
	}

	@Test
	void redirectsKeepWorkingWhileRedisIsDownAndRecoverAfterwards() throws Exception {
		try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port());
				Instances.Instance replica = Instances.start("spring.data.redis.url=" + TestRedis.urlVia(proxy))) {
			Api b = replica.api();
			// Straight into PostgreSQL: no change event, so no invalidation round of the
			// creation can
			// arrive after the outage and hide what this test looks for.
			this.jdbc
				.update("INSERT INTO urls (short_code, original_url) VALUES ('down01', 'https://example.com/down')");
			assertThat(b.get("/down01").status()).isEqualTo(302);

			proxy.cut();
			for (int i = 0; i < 20; i++) {
				Api.Response response = b.get("/down01");
				assertThat(response.status()).isEqualTo(302);
			}
			for (int i = 0; i < 5; i++) {
				assertThat(b.get("/nothere" + i).status()).isEqualTo(404);
			}
			Api.Response health = b.get("/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().get("status").stringValue()).isEqualTo("degraded");
			assertThat(health.json().get("checks").get("redis").stringValue()).isEqualTo("down");
			assertThat(b.get("/metrics").json().get("cache").get("redis_bypassed").booleanValue()).isTrue();

			// A change whose messages this replica never gets (made behind the caches'
			// back, so no
			// second round arrives after the outage either); its in-process copy is still
			// young.
			this.jdbc.update("UPDATE urls SET original_url = 'https://example.com/during' WHERE short_code = 'down01'");
			this.redis.delete(RedisLinkCache.KEY_PREFIX + "down01");
			assertThat(b.get("/down01").header("Location")).isEqualTo("https://example.com/down");

			proxy.heal();
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(b.get("/health").json().get("status").stringValue()).isEqualTo("ok");
				assertThat(b.get("/metrics").json().get("cache").get("redis_bypassed").booleanValue()).isFalse();
				assertThat(b.get("/down01").status()).isEqualTo(302);
			});
			// Back with Redis, it dropped every copy kept meanwhile instead of serving it
			// for minutes.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(b.get("/down01").header("Location")).isEqualTo("https://example.com/during"));

			// Re-subscribed after the outage: a change made elsewhere reaches this
			// replica again.
			long id = this.api.get("/urls/code/down01").json().get("id").longValue();
			assertThat(this.api.put("/urls/" + id, "{\"original_url\":\"https://example.com/after\"}").status())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(
						() -> assertThat(b.get("/down01").header("Location")).isEqualTo("https://example.com/after"));
		}
	}

	@Test
	void hungRedisIsSkippedOnceTheBreakerIsOpen() throws Exception {
		try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port());
				Instances.Instance replica = Instances.start("spring.data.redis.url=" + TestRedis.urlVia(proxy))) {
			Api b = replica.api();
			insertAndWarm(b);
			proxy.blackhole();
			// The first few look-ups pay the short Redis timeout, then the breaker opens.
			for (int i = 0; i < 5; i++) {
				assertThat(b.get("/hung" + i).status()).isEqualTo(302);
			}
			Counter errors = replica.bean(MeterRegistry.class).get("kurz.redirect.cache.redis.errors").counter();
			double before = errors.count();
			for (int i = 5; i < 25; i++) {
				assertThat(b.get("/hung" + i).status()).isEqualTo(302);
			}
			// Open breaker: Redis is not called (and so not waited for), bar one trial
			// per open period.
			assertThat(errors.count() - before).isLessThanOrEqualTo(1);
			Api.Response health = b.get("/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().get("status").stringValue()).isEqualTo("degraded");
		}
	}

	private void insertAndWarm(Api b) {
		for (int i = 0; i < 25; i++) {
			this.jdbc.update("INSERT INTO urls (short_code, original_url) VALUES (?, ?)", "hung" + i,
					"https://example.com/hung/" + i);
		}
		assertThat(b.get("/health").status()).isEqualTo(200);
	}

}
