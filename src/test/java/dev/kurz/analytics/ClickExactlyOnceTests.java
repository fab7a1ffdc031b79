package dev.kurz.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A batch written again after a failure is stored once, whatever the first try did. */
class ClickExactlyOnceTests extends HttpTest {

	@Autowired
	private ClickStore store;

	@Autowired
	private ClickRollup rollup;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ClientHasher hasher;

	@Autowired
	private BotDetector bots;

	private long shorten(String code) {
		return this.api
			.post("/shorten", "{\"url\":\"https://example.com/" + code + "\",\"short_code\":\"" + code + "\"}")
			.json()
			.get("id")
			.longValue();
	}

	private long clicks(long id) {
		return this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'",
				Long.class, id);
	}

	private static ClickBatch batch(long id, String code, int size) {
		return new ClickBatch(java.util.stream.IntStream.range(0, size)
			.mapToObj((i) -> new Click(id, code, Instant.now(), null, "agent", "10.0.0." + i))
			.toList());
	}

	@Test
	void aRetryOfABatchThatCommittedWritesNothing() {
		long id = shorten("once1");
		ClickBatch batch = batch(id, "once1", 3);
		assertThat(this.store.save(batch)).isTrue();
		assertThat(batch.id()).isNotNull();

		// The commit happened, but its answer was lost: the writer tries again.
		assertThat(this.store.save(batch)).isFalse();
		assertThat(clicks(id)).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM click_batches WHERE id = ?", Long.class, batch.id()))
			.isOne();
	}

	@Test
	void aRetryOfABatchThatRolledBackWritesItOnce() {
		long id = shorten("once2");
		ClickBatch batch = batch(id, "once2", 4);
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.store.save(batch);
			status.setRollbackOnly();
		});
		assertThat(batch.id()).as("the batch took its id before the failure").isNotNull();
		assertThat(clicks(id)).isZero();

		assertThat(this.store.save(batch)).isTrue();
		assertThat(this.store.save(batch)).isFalse();
		assertThat(clicks(id)).isEqualTo(4);
		assertThat(this.api.get("/urls/" + id + "/stats").json().get("total_clicks").longValue()).isEqualTo(4);
	}

	@Test
	void aRetryOfALargeBatchThatCommittedWritesNothing() {
		long id = shorten("once3");
		ClickBatch batch = batch(id, "once3", ClickStore.ONE_STATEMENT + 1);
		assertThat(this.store.save(batch)).isTrue();
		assertThat(this.store.save(batch)).isFalse();
		assertThat(clicks(id)).isEqualTo(ClickStore.ONE_STATEMENT + 1);
	}

	@Test
	void aSmallBatchAndALargeOneStoreTheSameRows() {
		long id = shorten("once4");
		Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
		List<Click> odd = List.of(new Click(id, "once4", at, "https://x.example/?q='a'&b=\\n",
				"Agent \"q\" C:\\p\tt\u00e9\u2603", "10.0.0.1"),
				new Click(id, "once4", at.plusNanos(1000), null, null, "10.0.0.2"));
		List<Click> large = new ArrayList<>(odd);
		for (int i = large.size(); i <= ClickStore.ONE_STATEMENT; i++) {
			large.add(new Click(id, "once4", at.plusSeconds(i), "r", "a", "10.0.0.3"));
		}
		assertThat(this.store.save(new ClickBatch(odd))).isTrue();
		assertThat(this.store.save(new ClickBatch(large))).isTrue();

		List<String> rows = this.jdbc.queryForList(
				"SELECT extract(epoch FROM timestamp) || ' ' || details::text FROM events WHERE url_id = ? AND event_type = 'click' ORDER BY id",
				String.class, id);
		assertThat(rows).hasSize(2 + large.size());
		assertThat(rows.subList(2, 4)).isEqualTo(rows.subList(0, 2));
		assertThat(rows.get(0)).startsWith(at.getEpochSecond() + ".123456 ").contains("\u2603").contains("\\\"q\\\"");
		assertThat(rows.get(1)).startsWith(at.getEpochSecond() + ".123457 ").contains("\"referrer\": null");
	}

	@Test
	void aSmallBatchThatPostgresqlRefusesLeavesNoClickBehind() {
		long id = shorten("once5");
		ClickBatch batch = new ClickBatch(List.of(new Click(id, "once5", Instant.now(), null, "ok", "10.0.0.1"),
				new Click(id, "once5", Instant.now(), null, "nul \u0000 agent", "10.0.0.1")));
		assertThatException().isThrownBy(() -> this.store.save(batch));
		assertThat(clicks(id)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM click_batches WHERE id = ?", Long.class, batch.id()))
			.isZero();
	}

	@Test
	void replicasTakeBatchIdsInBlocksThatNeverOverlap() {
		long id = shorten("once6");
		ClickStore other = new ClickStore(this.jdbc, this.transactions, this.hasher, this.bots);
		Set<Long> ids = new HashSet<>();
		for (int i = 0; i < ClickStore.IDS_PER_FETCH + 1; i++) {
			for (ClickStore replica : List.of(this.store, other)) {
				ClickBatch batch = batch(id, "once6", 1);
				assertThat(replica.save(batch)).isTrue();
				assertThat(ids.add(batch.id())).as("batch id %d taken once", batch.id()).isTrue();
			}
		}
		assertThat(clicks(id)).isEqualTo(2L * (ClickStore.IDS_PER_FETCH + 1));
	}

	@Test
	void aBatchWhoseIdIsTakenAlreadyWithoutAnEarlierAttemptTakesANewOne() {
		long id = shorten("once7");
		ClickBatch first = batch(id, "once7", 1);
		assertThat(this.store.save(first)).isTrue();
		// The sequence started again and another writer used the next id of the block.
		this.jdbc.update("INSERT INTO click_batches (id) VALUES (?), (?)", first.id() + 1, first.id() + 2);

		ClickBatch small = batch(id, "once7", 2);
		assertThat(this.store.save(small)).isTrue();
		ClickBatch large = batch(id, "once7", ClickStore.ONE_STATEMENT + 1);
		assertThat(this.store.save(large)).isTrue();
		assertThat(small.id()).isNotIn(first.id() + 1, first.id() + 2);
		assertThat(large.id()).isNotIn(first.id() + 1, first.id() + 2, small.id());
		assertThat(clicks(id)).isEqualTo(1 + 2 + ClickStore.ONE_STATEMENT + 1);
	}

	@Test
	void batchIdsOlderThanAnHourArePrunedAndNewerOnesKept() {
		this.jdbc.update("INSERT INTO click_batches (written_at) VALUES (now() - interval '2 hours')");
		this.jdbc.update("INSERT INTO click_batches (written_at) VALUES (now() - interval '61 minutes')");
		this.jdbc.update("INSERT INTO click_batches (written_at) VALUES (now() - interval '5 minutes')");
		this.jdbc.update("INSERT INTO click_batches (written_at) VALUES (now())");

		assertThat(this.rollup.pruneBatchIds()).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT written_at > now() - interval '1 hour' FROM click_batches",
				Boolean.class))
			.isEqualTo(List.of(true, true));
	}

}
