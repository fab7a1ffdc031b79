package dev.kurz.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The buffer on its own: a store that the test controls stands in for PostgreSQL. */
class ClickRecorderTests {

	/** Records what it is asked to save; blocks while the gate is closed. */
	static final class GatedStore extends ClickStore {

		final List<Click> saved = new ArrayList<>();

		final CountDownLatch gate;

		final CountDownLatch entered = new CountDownLatch(1);

		GatedStore(CountDownLatch gate) {
			super(null, null, null, null);
			this.gate = gate;
		}

		@Override
		public boolean save(ClickBatch batch) {
			List<Click> clicks = batch.clicks();
			this.entered.countDown();
			try {
				this.gate.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			synchronized (this.saved) {
				this.saved.addAll(clicks);
			}
			return true;
		}

		int savedCount() {
			synchronized (this.saved) {
				return this.saved.size();
			}
		}

	}

	private static Click click(int i) {
		return new Click(i, "code" + i, Instant.now(), null, "test", "hash");
	}

	@Test
	void fullBufferDropsAndCountsClicksWithoutBlocking() {
		CountDownLatch gate = new CountDownLatch(1);
		GatedStore store = new GatedStore(gate);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(5, 1, "k", 2000, 0, 1, 10_000, 500_000,
				ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)), registry);
		recorder.start();
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 50; i++) {
				recorder.record(click(i));
			}
			// The writer holds one click (batches of one), the buffer five more: the rest
			// is dropped.
			double dropped = registry.get("kurz.clicks.dropped").counter().count();
			assertThat(dropped).isGreaterThanOrEqualTo(44);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
		}
		finally {
			gate.countDown();
			recorder.stop();
		}
		assertThat(store.savedCount() + registry.get("kurz.clicks.dropped").counter().count()).isEqualTo(50);
	}

	@Test
	void stopWritesEveryBufferedClickBeforeReturning() {
		CountDownLatch gate = new CountDownLatch(1);
		GatedStore store = new GatedStore(gate);
		ClickRecorder recorder = new ClickRecorder(
				store, new ClickProperties(10_000, 100, "k", 2000, 0, 1, 10_000, 500_000,
						ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)),
				new SimpleMeterRegistry());
		recorder.start();
		for (int i = 0; i < 1000; i++) {
			recorder.record(click(i));
		}
		assertThat(store.savedCount()).isZero();
		gate.countDown();
		recorder.stop();
		assertThat(store.savedCount()).isEqualTo(1000);
	}

	@Test
	void flushWaitsUntilEarlierClicksAreWritten() {
		CountDownLatch gate = new CountDownLatch(1);
		GatedStore store = new GatedStore(gate);
		ClickRecorder recorder = new ClickRecorder(
				store, new ClickProperties(10_000, 100, "k", 5000, 0, 1, 10_000, 500_000,
						ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)),
				new SimpleMeterRegistry());
		recorder.start();
		try {
			for (int i = 0; i < 10; i++) {
				recorder.record(click(i));
			}
			Thread opener = new Thread(gate::countDown);
			opener.start();
			recorder.flush();
			assertThat(store.savedCount()).isEqualTo(10);
		}
		finally {
			recorder.stop();
		}
	}

	@Test
	void underLightLoadAClickIsWrittenAtOnceDespiteALongLinger() {
		GatedStore store = new GatedStore(new CountDownLatch(0));
		ClickRecorder recorder = new ClickRecorder(store,
				new ClickProperties(10_000, 1000, "k", 5000, 60_000, 1, 10_000, 500_000,
						ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)),
				new SimpleMeterRegistry());
		recorder.start();
		try {
			recorder.record(click(1));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.savedCount()).isEqualTo(1));
		}
		finally {
			recorder.stop();
		}
	}

	@Test
	void underLoadTheNextBatchLingersUntilAFlushCutsItShort() throws InterruptedException {
		CountDownLatch gate = new CountDownLatch(1);
		GatedStore store = new GatedStore(gate);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(10_000, 1000, "k", 10_000, 60_000, 1,
				10_000, 500_000, ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)),
				registry);
		recorder.start();
		try {
			recorder.record(click(0));
			assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
			// While the writer is busy with the first click, 150 pile up: a loaded batch.
			for (int i = 1; i <= 150; i++) {
				recorder.record(click(i));
			}
			gate.countDown();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.savedCount()).isEqualTo(151));

			recorder.record(click(151));
			assertThat(store.savedCount()).as("the next batch lingers (a minute here)").isEqualTo(151);

			long start = System.nanoTime();
			recorder.flush();
			assertThat(store.savedCount()).isEqualTo(152);
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
			assertThat(registry.get("kurz.clicks.batch.size").summary().max()).isEqualTo(150);
		}
		finally {
			recorder.stop();
		}
	}

	/**
	 * Blocks the batches holding the click of link 0 until the gate opens; writes others
	 * at once.
	 */
	static final class OneSlowBatchStore extends ClickStore {

		final List<Long> saved = new ArrayList<>();

		final CountDownLatch gate = new CountDownLatch(1);

		OneSlowBatchStore() {
			super(null, null, null, null);
		}

		@Override
		public boolean save(ClickBatch batch) {
			List<Click> clicks = batch.clicks();
			if (clicks.stream().anyMatch((click) -> click.urlId() == 0)) {
				try {
					this.gate.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			synchronized (this.saved) {
				clicks.forEach((click) -> this.saved.add(click.urlId()));
			}
			return true;
		}

		List<Long> saved() {
			synchronized (this.saved) {
				return List.copyOf(this.saved);
			}
		}

	}

	@Test
	void aSlowBatchDoesNotHoldUpTheNextOneAndAFlushWaitsForBoth() throws InterruptedException {
		OneSlowBatchStore store = new OneSlowBatchStore();
		ClickRecorder recorder = new ClickRecorder(
				store, new ClickProperties(10_000, 1, "k", 10_000, 0, 2, 10_000, 500_000,
						ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)),
				new SimpleMeterRegistry());
		recorder.start();
		try {
			recorder.record(click(0));
			recorder.record(click(1));
			// The second batch is written on the other writer while the first one is
			// held.
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(store.saved()).contains(1L));
			assertThat(store.saved()).as("the first batch is still being written").containsExactly(1L);

			Thread flusher = new Thread(recorder::flush);
			flusher.start();
			flusher.join(300);
			assertThat(flusher.isAlive()).as("flush still waiting for the first click").isTrue();

			store.gate.countDown();
			flusher.join(5000);
			assertThat(flusher.isAlive()).isFalse();
			assertThat(store.saved()).containsExactlyInAnyOrder(0L, 1L);
		}
		finally {
			store.gate.countDown();
			recorder.stop();
		}
	}

	@Test
	void writersOutsideOneToSixteenAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClickProperties(10, 1, "k", 10, 0, 0, 10_000, 500_000,
					ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)))
			.withMessageContaining("kurz.clicks.writers");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClickProperties(10, 1, "k", 10, 0, 17, 10_000,
				500_000, ClickProperties.Durability.ASYNC, Duration.ofMillis(50), Duration.ofMillis(2)));
		assertThat(new ClickProperties(10, 1, "k", 10, 0, 16, 10_000, 500_000, ClickProperties.Durability.ASYNC,
				Duration.ofMillis(50), Duration.ofMillis(2))
			.writers()).isEqualTo(16);
	}

	@Test
	void aRollupIntervalOrChunkBelowOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClickProperties(10, 1, "k", 10, 0, 1, 0, 500_000, ClickProperties.Durability.ASYNC,
					Duration.ofMillis(50), Duration.ofMillis(2)))
			.withMessageContaining("kurz.clicks.rollup-interval-ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClickProperties(10, 1, "k", 10, 0, 1, 10_000, 0, ClickProperties.Durability.ASYNC,
					Duration.ofMillis(50), Duration.ofMillis(2)))
			.withMessageContaining("rollup-max-events");
		assertThat(new ClickProperties(10, 1, "k", 10, 0, 1, 1, 1, ClickProperties.Durability.ASYNC,
				Duration.ofMillis(50), Duration.ofMillis(2))
			.rollupMaxEvents()).isEqualTo(1);
	}

}
