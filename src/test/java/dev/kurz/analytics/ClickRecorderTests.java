package dev.kurz.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The buffer on its own: a store that the test controls stands in for PostgreSQL. */
class ClickRecorderTests {

	/** Records what it is asked to save; blocks while the gate is closed. */
	static final class GatedStore extends ClickStore {

		final List<Click> saved = new ArrayList<>();

		final CountDownLatch gate;

		GatedStore(CountDownLatch gate) {
			super(null, null);
			this.gate = gate;
		}

		@Override
		public void save(List<Click> clicks) {
			try {
				this.gate.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			synchronized (this.saved) {
				this.saved.addAll(clicks);
			}
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
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(5, 1, "k", 2000), registry);
		recorder.start();
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 50; i++) {
				recorder.record(click(i));
			}
			// The writer holds one click (batches of one), the buffer five more: the rest is dropped.
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
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(10_000, 100, "k", 2000),
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
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(10_000, 100, "k", 5000),
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

}
