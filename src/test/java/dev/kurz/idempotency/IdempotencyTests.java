package dev.kurz.idempotency;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.Json;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTests extends HttpTest {

	@BeforeEach
	void forgetEarlierKeys() {
		Set<String> keys = this.redis.keys("kurz:idempotency:*");
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	private Api.Response create(Api api, String key, String body) {
		return api.send("POST", "/urls", body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
	}

	private String link(long userId, String path) {
		return Json.object("user_id", userId, "original_url", "https://example.com/" + path);
	}

	private long links() {
		return this.jdbc.queryForObject("SELECT count(*) FROM urls", Long.class);
	}

	@Test
	void repeatWithTheSameKeyAndBodyReplaysTheFirstAnswer() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String key = "repeat-" + Fixtures.uniqueCode();

		Api.Response first = create(this.api, key, link(userId, "a"));
		Api.Response second = create(this.api, key, link(userId, "a"));

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(second.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
		assertThat(links()).isEqualTo(1);
	}

	@Test
	void aFailedRequestIsReplayedToo() {
		String key = "invalid-" + Fixtures.uniqueCode();

		Api.Response first = create(this.api, key, "{\"original_url\": \"nope\"}");
		Api.Response second = create(this.api, key, "{\"original_url\": \"nope\"}");

		assertProblem(first, 422);
		assertThat(second.status()).isEqualTo(422);
		assertThat(second.body()).isEqualTo(first.body());
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String key = "mismatch-" + Fixtures.uniqueCode();
		create(this.api, key, link(userId, "a"));

		assertProblem(create(this.api, key, link(userId, "b")), 422);
		assertThat(links()).isEqualTo(1);
	}

	@Test
	void keysOfOneClientDoNotReachAnother() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String key = "scoped-" + Fixtures.uniqueCode();
		create(this.api, key, link(userId, "a"));

		Api.Response other = create(this.api.withKey("another-client"), key, link(userId, "b"));

		assertThat(other.status()).as(other.body()).isEqualTo(201);
		assertThat(links()).isEqualTo(2);
	}

	@Test
	void aRepeatWhileTheFirstIsRunningIs409() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String key = "running-" + Fixtures.uniqueCode();
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// The first request holds the users row, so its insert waits until released.
		CompletableFuture<Api.Response> first;
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.jdbc.getDataSource()));
		CompletableFuture<Void> lock = CompletableFuture.runAsync(() -> tx.executeWithoutResult((status) -> {
			this.jdbc.queryForList("SELECT id FROM users WHERE id = ? FOR UPDATE", userId);
			inside.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		try {
			inside.await();
			first = CompletableFuture.supplyAsync(() -> create(this.api, key, link(userId, "a")));
			Awaitility.await().until(() -> this.redis.keys("kurz:idempotency:*").size() == 1);

			assertProblem(create(this.api, key, link(userId, "a")), 409);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			release.countDown();
		}
		lock.join();
		assertThat(first.join().status()).isEqualTo(201);
		assertThat(create(this.api, key, link(userId, "a")).status()).isEqualTo(201);
		assertThat(links()).isEqualTo(1);
	}

	@Test
	void twoReplicasRacingWithOneKeyCreateExactlyOneLink() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		try (Instances.Instance replica = Instances.start()) {
			for (int round = 0; round < 5; round++) {
				String key = "race-" + round + "-" + Fixtures.uniqueCode();
				String body = link(userId, "race" + round);
				CountDownLatch start = new CountDownLatch(1);
				CompletableFuture<Api.Response> one = CompletableFuture.supplyAsync(() -> {
					await(start);
					return create(this.api, key, body);
				});
				CompletableFuture<Api.Response> two = CompletableFuture.supplyAsync(() -> {
					await(start);
					return create(replica.api(), key, body);
				});
				start.countDown();
				List<Integer> statuses = List.of(one.join().status(), two.join().status());
				assertThat(statuses).contains(201).allMatch((status) -> status == 201 || status == 409);
			}
		}
		assertThat(links()).isEqualTo(5);
	}

	@Test
	void withRedisDownTheHeaderIsRefusedWith503() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		try (Instances.Instance replica = Instances.start("spring.data.redis.url=redis://127.0.0.1:1/0")) {
			Api.Response refused = create(replica.api(), "down-" + Fixtures.uniqueCode(), link(userId, "a"));

			assertProblem(refused, 503);
			assertThat(links()).isZero();
			assertThat(replica.api().post("/urls", link(userId, "b")).status()).isEqualTo(201);
		}
	}

	@Test
	void aBlankOrOverlongKeyIs400() {
		assertProblem(create(this.api, " ", "{}"), 400);
		assertProblem(create(this.api, "k".repeat(256), "{}"), 400);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
