package dev.kurz.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unique constraint, not a look-up before the insert, decides who gets a custom code.
 */
class CustomCodeConcurrencyTests extends HttpTest {

	private static final int CLIENTS = 50;

	@Test
	void fiftyParallelCreatesOfOneCustomCodeGiveExactlyOne201() throws Exception {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String code = Fixtures.uniqueCode();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<Api.Response>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				// Half through each create endpoint: they share one constraint.
				String path = (i % 2 == 0) ? "/urls" : "/shorten";
				String body = Json.object("user_id", userId, "original_url", "https://example.com/" + i, "short_code",
						code);
				Api client = this.api;
				answers.add(pool.submit(() -> {
					start.await();
					return client.post(path, body);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Api.Response> answer : answers) {
				Api.Response response = answer.get(60, TimeUnit.SECONDS);
				statuses.add(response.status());
				if (response.status() == 409) {
					assertThat(response.json().get("error").isString()).isTrue();
				}
			}

			assertThat(statuses).filteredOn((s) -> s == 201).hasSize(1);
			assertThat(statuses).filteredOn((s) -> s == 409).hasSize(CLIENTS - 1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM urls WHERE short_code = ?", Integer.class, code))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE event_type = 'created'", Integer.class))
			.isEqualTo(1);
	}

}
