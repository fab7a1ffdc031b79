package dev.kurz.analytics;

import java.time.Instant;
import java.util.List;

import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch written again after a failure is stored once, whatever the first try did. */
class ClickExactlyOnceTests extends HttpTest {

	@Autowired
	private ClickStore store;

	@Autowired
	private ClickRollup rollup;

	@Autowired
	private PlatformTransactionManager transactions;

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
