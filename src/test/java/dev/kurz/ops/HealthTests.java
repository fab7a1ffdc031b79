package dev.kurz.ops;

import java.time.Duration;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.TcpProxy;
import dev.kurz.support.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthTests extends HttpTest {

	private static final String DATABASE_URL = System.getenv()
		.getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	private static final java.net.URI DATABASE = java.net.URI.create(DATABASE_URL.substring("jdbc:".length()));

	/** A proxy in front of the test database, to cut or hang it. */
	private static TcpProxy databaseProxy() throws java.io.IOException {
		return new TcpProxy(DATABASE.getHost(), (DATABASE.getPort() > 0) ? DATABASE.getPort() : 5432);
	}

	private static String databaseVia(TcpProxy postgres) {
		return "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + DATABASE.getPath();
	}

	@Test
	void healthIsOkWithBothDependenciesUp() {
		Api.Response health = this.api.get("/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").stringValue()).isEqualTo("ok");
		assertThat(health.json().get("checks").get("database").stringValue()).isEqualTo("ok");
		assertThat(health.json().get("checks").get("redis").stringValue()).isEqualTo("ok");
		assertThat(health.json().get("details").get("database").get("latency_ms").isNumber()).isTrue();
	}

	@Test
	void actuatorProbeGroupsAnswer() {
		assertThat(this.api.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void databaseDownIs503ErrorAndRedisDownIs200Degraded() throws Exception {
		try (TcpProxy postgres = databaseProxy();
				TcpProxy redis = new TcpProxy(TestRedis.host(), TestRedis.port());
				Instances.Instance replica = Instances.start(databaseVia(postgres),
						"spring.data.redis.url=" + TestRedis.urlVia(redis))) {
			Api api = replica.api();
			assertThat(api.get("/health").json().get("status").stringValue()).isEqualTo("ok");

			redis.cut();
			Api.Response degraded = api.get("/health");
			assertThat(degraded.status()).isEqualTo(200);
			assertThat(degraded.json().get("status").stringValue()).isEqualTo("degraded");
			assertThat(degraded.json().get("checks").get("redis").stringValue()).isEqualTo("down");
			assertThat(degraded.json().get("checks").get("database").stringValue()).isEqualTo("ok");

			postgres.cut();
			Api.Response error = api.get("/health");
			assertThat(error.status()).isEqualTo(503);
			assertThat(error.json().get("status").stringValue()).isEqualTo("error");
			assertThat(error.json().get("checks").get("database").stringValue()).isEqualTo("down");

			// Requests that need PostgreSQL get a 503 that Nginx may retry elsewhere,
			// never a 500.
			Api.Response unavailable = api.get("/users/1");
			assertThat(unavailable.status()).isEqualTo(503);
			assertThat(unavailable.header("Retry-After")).isEqualTo("1");
			assertThat(unavailable.json().get("error").stringValue()).isEqualTo("service temporarily unavailable");
			assertThat(api.get("/uncached1").status()).isEqualTo(503);

			postgres.heal();
			redis.heal();
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				Api.Response health = api.get("/health");
				assertThat(health.status()).isEqualTo(200);
				assertThat(health.json().get("status").stringValue()).isEqualTo("ok");
			});
		}
	}

	@Test
	void healthAnswersWithinOneSecondWhenTheDatabaseHangs() throws Exception {
		try (TcpProxy postgres = databaseProxy();
				Instances.Instance replica = Instances.start(databaseVia(postgres),
						"spring.data.redis.url=" + TestRedis.url())) {
			Api api = replica.api();
			assertThat(api.get("/health").status()).isEqualTo(200);
			postgres.blackhole();
			long start = System.nanoTime();
			Api.Response health = api.get("/health");
			long tookMs = (System.nanoTime() - start) / 1_000_000;
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().get("details").get("database").get("reason").stringValue()).contains("timed out");
			// The check's deadline is 800 ms; the margin absorbs a loaded test machine.
			assertThat(tookMs).isLessThan(1500);
			postgres.heal();
		}
	}

	@Test
	void hungDatabaseReleasesItsConnections() throws Exception {
		try (TcpProxy postgres = databaseProxy();
				Instances.Instance replica = Instances.start(databaseVia(postgres),
						"spring.datasource.hikari.data-source-properties.socketTimeout=1",
						"spring.data.redis.url=" + TestRedis.url())) {
			Api api = replica.api();
			assertThat(api.get("/users").status()).isEqualTo(200);
			postgres.blackhole();
			// The statement gets no answer: after the read timeout it fails instead of
			// waiting for ever.
			Api.Response hung = api.get("/users");
			assertThat(hung.status()).isEqualTo(503);
			assertThat(hung.header("Retry-After")).isNotNull();
			postgres.heal();
			// The connections that hung were replaced: the pool serves again.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(api.get("/users").status()).isEqualTo(200));
		}
	}

	@Test
	void withTheDatabaseDownCachedLinksRedirectButCappedOnesAnswer503() throws Exception {
		try (TcpProxy postgres = databaseProxy();
				Instances.Instance replica = Instances.start(databaseVia(postgres),
						"spring.data.redis.url=" + TestRedis.url())) {
			Api api = replica.api();
			this.jdbc.update("INSERT INTO urls (short_code, original_url) VALUES ('free01', 'https://example.com/f')");
			this.jdbc.update("INSERT INTO urls (short_code, original_url, max_clicks) "
					+ "VALUES ('capped01', 'https://example.com/c', 100)");
			assertThat(api.get("/free01").status()).isEqualTo(302);
			assertThat(api.get("/capped01").status()).isEqualTo(302);

			postgres.cut();

			// Both are cached; only the capped one needs PostgreSQL to count its click.
			assertThat(api.get("/free01").status()).isEqualTo(302);
			Api.Response capped = api.get("/capped01");
			assertThat(capped.status()).isEqualTo(503);
			assertThat(capped.header("Retry-After")).isEqualTo("1");
			postgres.heal();
		}
	}

}
