package dev.kurz.analytics;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.TcpProxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable in commit durability: redirects the cache can answer still
 * answer, after the commit wait; the replica says that it is buffering clicks, and writes
 * each of them once PostgreSQL is back.
 */
class ClickBufferingTests extends HttpTest {

	private static final URI DATABASE = URI.create(System.getenv()
		.getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test")
		.substring("jdbc:".length()));

	private static final int REDIRECTS = 20;

	@Test
	void redirectsAnswerWhilePostgresqlIsDownAndTheirClicksAreWrittenOnceAfter() throws Exception {
		try (TcpProxy postgres = new TcpProxy(DATABASE.getHost(), (DATABASE.getPort() > 0) ? DATABASE.getPort() : 5432);
				Instances.Instance replica = Instances.start(
						"spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + DATABASE.getPath(),
						"kurz.clicks.durability=commit", "kurz.clicks.commit-wait=50ms")) {
			Api api = replica.api();
			// Straight into PostgreSQL: no change event, whose invalidation could drop
			// the
			// cached link later. The first redirect caches it in Redis and in-process.
			long id = this.jdbc.queryForObject(
					"INSERT INTO urls (short_code, original_url) VALUES ('buffered1', 'https://example.com/b') RETURNING id",
					Long.class);
			assertThat(api.get("/buffered1").status()).isEqualTo(302);
			// The first write of a new replica may take longer than the commit wait.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(health(api).get("details").get("clicks").stringValue()).isEqualTo("durable"));
			long answeredBefore = api.get("/metrics").json().get("clicks").get("answered_before_commit").longValue();

			postgres.cut();
			long slowest = 0;
			for (int i = 0; i < REDIRECTS; i++) {
				long start = System.nanoTime();
				Api.Response redirect = api.get("/buffered1");
				slowest = Math.max(slowest, System.nanoTime() - start);
				assertThat(redirect.status()).isEqualTo(302);
			}
			// The commit wait (50 ms) and the request itself; never the pool's connection
			// timeout (2 s).
			assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).isLessThan(500);
			JsonNode down = health(api);
			assertThat(down.get("details").get("clicks").stringValue()).isEqualTo("buffering");
			JsonNode clicks = api.get("/metrics").json().get("clicks");
			assertThat(clicks.get("not_durable").longValue()).isEqualTo(REDIRECTS);
			assertThat(clicks.get("answered_before_commit").longValue()).isEqualTo(answeredBefore + REDIRECTS);
			assertThat(api.get("/metrics/prometheus").body())
				.contains("kurz_clicks_not_durable{application=\"kurz\"} 20.0");

			postgres.heal();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(health(api).get("details").get("clicks").stringValue()).isEqualTo("durable"));
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'",
					Long.class, id))
				.isEqualTo(REDIRECTS + 1);
			JsonNode after = api.get("/metrics").json().get("clicks");
			assertThat(after.get("not_durable").longValue()).isZero();
			assertThat(after.get("failed").longValue()).isZero();
			assertThat(api.get("/urls/" + id + "/stats").json().get("total_clicks").longValue())
				.isEqualTo(REDIRECTS + 1);
		}
	}

	private static JsonNode health(Api api) {
		return api.get("/health").json();
	}

}
