package dev.kurz.redirect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.kurz.analytics.ClickRecorder;
import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.Json;
import dev.kurz.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redirects of links with rules: expiry, click caps, redirect status, query forwarding.
 */
class RedirectUnderRulesTests extends HttpTest {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ClickRecorder clicks;

	private JsonNode shorten(Object... fields) {
		Api.Response created = this.api.post("/shorten", Json.object(fields));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private long clicks(long id) {
		return this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'",
				Long.class, id);
	}

	private void expireNow(JsonNode link) {
		this.jdbc.update("UPDATE urls SET expires_at = now() - interval '1 second' WHERE id = ?",
				link.get("id").longValue());
		RedirectCaches.flushAll(this.context, this.redis);
	}

	@Test
	void anExpiredLinkAnswers404SayingItExpiredAndCountsNoClick() {
		JsonNode link = shorten("url", "https://example.com/later", "expires_at",
				Instant.now().plus(1, ChronoUnit.DAYS).toString());
		String code = "/" + link.get("short_code").stringValue();
		assertThat(this.api.get(code).status()).isEqualTo(302);

		expireNow(link);
		Api.Response expired = this.api.get(code);

		JsonNode problem = assertProblem(expired, 404);
		assertThat(problem.get("error").stringValue()).contains("expired");
		assertThat(this.api.head(code).status()).isEqualTo(404);
		this.clicks.flush();
		assertThat(clicks(link.get("id").longValue())).isEqualTo(1);
	}

	@Test
	void aCachedLinkStopsRedirectingAtItsExpiryWithoutAnyChange() {
		JsonNode link = shorten("url", "https://example.com/soon", "expires_at",
				Instant.now().plus(1500, ChronoUnit.MILLIS).toString());
		String code = "/" + link.get("short_code").stringValue();
		assertThat(this.api.get(code).status()).isEqualTo(302);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(this.api.get(code).status()).isEqualTo(404));
	}

	@Test
	void anExpiredLinkWithAnExpiredUrlSendsVisitorsThereUncounted() {
		JsonNode link = shorten("url", "https://example.com/sale", "expires_at",
				Instant.now().plus(1, ChronoUnit.DAYS).toString(), "expired_url", "https://example.com/sale-over");
		expireNow(link);

		Api.Response response = this.api.get("/" + link.get("short_code").stringValue());

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).isEqualTo("https://example.com/sale-over");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		this.clicks.flush();
		assertThat(clicks(link.get("id").longValue())).isZero();
	}

	@Test
	void aLinkRedirectsWithTheStatusItNames() {
		for (int status : new int[] { 301, 302, 307, 308 }) {
			JsonNode link = shorten("url", "https://example.com/s" + status, "redirect_type", status);
			Api.Response response = this.api.get("/" + link.get("short_code").stringValue());
			assertThat(response.status()).isEqualTo(status);
			assertThat(response.header("Location")).isEqualTo("https://example.com/s" + status);
			boolean permanent = status == 301 || status == 308;
			assertThat(response.header("Cache-Control")).as("Cache-Control of %d", status)
				.isEqualTo(permanent ? null : "no-store");
		}
	}

	@Test
	void aForwardingLinkAddsTheQueryToItsTargetsAndOthersIgnoreIt() {
		JsonNode forwarding = shorten("url", "https://example.com/p?b=1&lang=ja", "forward_query", true);
		JsonNode plain = shorten("url", "https://example.com/q?b=1");

		Api.Response forwarded = this.api
			.get("/" + forwarding.get("short_code").stringValue() + "?utm_source=x&b=2&q=%E6%97%A5%20本");
		Api.Response ignored = this.api.get("/" + plain.get("short_code").stringValue() + "?utm_source=x");

		assertThat(forwarded.status()).isEqualTo(302);
		assertThat(forwarded.header("Location"))
			.isEqualTo("https://example.com/p?b=1&lang=ja&utm_source=x&q=%E6%97%A5%20%E6%9C%AC");
		assertThat(ignored.header("Location")).isEqualTo("https://example.com/q?b=1");
	}

	@Test
	void aCapHoldsExactlyUnderParallelClicksOnTwoReplicas() throws Exception {
		try (Instances.Instance other = Instances.start("spring.data.redis.url=" + TestRedis.url())) {
			JsonNode link = shorten("url", "https://example.com/%E6%97%A5%E6%9C%AC", "max_clicks", 50);
			String code = "/" + link.get("short_code").stringValue();
			List<String> bases = List.of(this.api.base(), other.api().base());
			HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
			CountDownLatch start = new CountDownLatch(1);
			List<Callable<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				URI uri = URI.create(bases.get(i % 2) + code);
				calls.add(() -> {
					start.await();
					return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
						.statusCode();
				});
			}
			List<Integer> statuses = new ArrayList<>();
			ExecutorService pool = Executors.newFixedThreadPool(calls.size());
			try {
				List<Future<Integer>> answers = calls.stream().map(pool::submit).toList();
				start.countDown();
				for (Future<Integer> answer : answers) {
					statuses.add(answer.get());
				}
			}
			finally {
				pool.shutdownNow();
			}

			assertThat(statuses.stream().filter((status) -> status == 302)).hasSize(50);
			assertThat(statuses.stream().filter((status) -> status == 404)).hasSize(150);
			// Commit durability: every 302 was sent after its click committed.
			assertThat(clicks(link.get("id").longValue())).isEqualTo(50);
		}
	}

	@Test
	void headNeitherCountsNorSpendsAClick() {
		JsonNode link = shorten("url", "https://example.com/one-shot", "max_clicks", 1);
		String code = "/" + link.get("short_code").stringValue();

		assertThat(this.api.head(code).status()).isEqualTo(302);
		assertThat(this.api.head(code).status()).isEqualTo(302);
		assertThat(this.api.get(code).status()).isEqualTo(302);
		assertThat(this.api.head(code).status()).isEqualTo(404);
		JsonNode problem = assertProblem(this.api.get(code), 404);

		assertThat(problem.get("error").stringValue()).contains("click limit");
		assertThat(clicks(link.get("id").longValue())).isEqualTo(1);
	}

	@Test
	void aCapSetLaterCountsTheClicksAlreadyStoredAndARaisedCapReopens() {
		JsonNode link = shorten("url", "https://example.com/popular");
		long id = link.get("id").longValue();
		String code = "/" + link.get("short_code").stringValue();
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.get(code).status()).isEqualTo(302);
		}

		assertThat(this.api.put("/urls/" + id, Json.object("max_clicks", 3)).status()).isEqualTo(200);
		assertThat(this.api.get(code).status()).isEqualTo(404);

		assertThat(this.api.put("/urls/" + id, Json.object("max_clicks", 4)).status()).isEqualTo(200);
		assertThat(this.api.get(code).status()).isEqualTo(302);
		assertThat(this.api.get(code).status()).isEqualTo(404);
		assertThat(clicks(id)).isEqualTo(4);
	}

}
