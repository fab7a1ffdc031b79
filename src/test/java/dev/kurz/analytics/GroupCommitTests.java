package dev.kurz.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Commit durability on its own: a redirect's {@code record} returns once its click is
 * written, or after the commit wait; a store that the test controls stands in for
 * PostgreSQL.
 */
class GroupCommitTests {

	/**
	 * Fails the first {@code failures} writes as an unreachable database would, blocks
	 * while the gate is closed, then records what it saves.
	 */
	static final class TestStore extends ClickStore {

		final List<Click> saved = new ArrayList<>();

		final CountDownLatch gate;

		final AtomicInteger failures;

		final AtomicInteger attempts = new AtomicInteger();

		final List<Integer> batchSizes = new ArrayList<>();

		/** When the first write began, from {@link System#nanoTime()}. */
		volatile long firstWriteAt;

		TestStore(CountDownLatch gate, int failures) {
			super(null, null, null, null);
			this.gate = gate;
			this.failures = new AtomicInteger(failures);
		}

		@Override
		public boolean save(ClickBatch batch) {
			if (this.attempts.getAndIncrement() == 0) {
				this.firstWriteAt = System.nanoTime();
			}
			try {
				this.gate.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failures.getAndDecrement() > 0) {
				throw new DataAccessResourceFailureException("connection refused");
			}
			synchronized (this.saved) {
				this.saved.addAll(batch.clicks());
				this.batchSizes.add(batch.size());
			}
			return true;
		}

		int savedCount() {
			synchronized (this.saved) {
				return this.saved.size();
			}
		}

	}

	/**
	 * A started recorder in commit durability over a store whose writes wait until the
	 * gate opens.
	 */
	private record Gated(CountDownLatch gate, TestStore store, SimpleMeterRegistry registry, ClickRecorder recorder) {

		static Gated started(Duration commitWait) {
			CountDownLatch gate = new CountDownLatch(1);
			TestStore store = new TestStore(gate, 0);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			ClickRecorder recorder = new ClickRecorder(store, commit(commitWait), registry);
			recorder.start();
			return new Gated(gate, store, registry, recorder);
		}

	}

	private static ClickProperties commit(Duration commitWait) {
		return new ClickProperties(10_000, 1000, "k", 5000, 100, 2, 10_000, 500_000, ClickProperties.Durability.COMMIT,
				commitWait, Duration.ofMillis(2));
	}

	private static Click click(int i) {
		return new Click(i, "code" + i, Instant.now(), null, "test", "10.0.0.1");
	}

	private static double gauge(SimpleMeterRegistry registry, String name) {
		return registry.get(name).gauge().value();
	}

	@Test
	void aRedirectReturnsOnceItsClickIsWritten() throws InterruptedException {
		Gated gated = Gated.started(Duration.ofSeconds(10));
		try {
			Thread redirect = start(() -> gated.recorder().record(click(1)));
			redirect.join(300);
			assertThat(redirect.isAlive()).as("waits for the commit").isTrue();
			assertThat(gated.store().savedCount()).isZero();

			await().atMost(Duration.ofSeconds(5)).until(() -> gated.store().attempts.get() == 1);
			long releasedAt = System.nanoTime();
			gated.gate().countDown();
			redirect.join(5000);
			assertThat(redirect.isAlive()).isFalse();
			assertThat(gated.store().savedCount()).isEqualTo(1);
			assertThat(gauge(gated.registry(), "kurz.clicks.not.durable")).isZero();
			assertThat(gated.registry().get("kurz.clicks.answered.before.commit").counter().count()).isZero();
			assertThat(gated.recorder().state()).isEqualTo(ClickRecorder.State.DURABLE);
			// The redirect waited at least as long as the write held its batch.
			double heldMs = (releasedAt - gated.store().firstWriteAt) / 1e6;
			assertThat(heldMs).isGreaterThan(0);
			Timer waits = gated.registry().get("kurz.clicks.commit.wait").timer();
			assertThat(waits.count()).isOne();
			assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(heldMs);
			Timer writes = gated.registry().get("kurz.clicks.batch.write").timer();
			assertThat(writes.count()).isOne();
			assertThat(writes.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(heldMs);
		}
		finally {
			gated.gate().countDown();
			gated.recorder().stop();
		}
	}

	@Test
	void redirectsInFlightShareOneBatchAndALoneClickIsWrittenAlone() throws InterruptedException {
		TestStore store = new TestStore(new CountDownLatch(0), 0);
		ClickRecorder recorder = new ClickRecorder(
				store, new ClickProperties(10_000, 1000, "k", 5000, 100, 1, 10_000, 500_000,
						ClickProperties.Durability.COMMIT, Duration.ofSeconds(10), Duration.ofMillis(2)),
				new SimpleMeterRegistry());
		recorder.start();
		long start = System.nanoTime();
		recorder.record(click(0));
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
		assertThat(store.batchSizes).containsExactly(1);
		CountDownLatch held = new CountDownLatch(1);
		TestStore busy = new TestStore(held, 0);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder loaded = new ClickRecorder(busy, new ClickProperties(10_000, 1000, "k", 5000, 100, 1, 10_000,
				500_000, ClickProperties.Durability.COMMIT, Duration.ofSeconds(10), Duration.ofMillis(2)), registry);
		loaded.start();
		try {
			Thread first = start(() -> loaded.record(click(0)));
			await().atMost(Duration.ofSeconds(5)).until(() -> busy.attempts.get() == 1);
			// While the one writer holds the first click, 50 redirects arrive.
			List<Thread> redirects = new ArrayList<>();
			for (int i = 1; i <= 50; i++) {
				int n = i;
				redirects.add(start(() -> loaded.record(click(n))));
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gauge(registry, "kurz.clicks.buffered")).isEqualTo(50));
			held.countDown();
			first.join(5000);
			for (Thread redirect : redirects) {
				redirect.join(5000);
				assertThat(redirect.isAlive()).isFalse();
			}
			assertThat(busy.batchSizes).containsExactly(1, 50);
		}
		finally {
			held.countDown();
			loaded.stop();
			recorder.stop();
		}
	}

	@Test
	void whileABatchIsWrittenTheOtherWritersLetTheClicksArrivingMeanwhileFormOneBatch() {
		CountDownLatch held = new CountDownLatch(1);
		TestStore busy = new TestStore(held, 0);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(busy, new ClickProperties(10_000, 1000, "k", 5000, 100, 3, 10_000,
				500_000, ClickProperties.Durability.COMMIT, Duration.ofSeconds(10), Duration.ofSeconds(10)), registry);
		recorder.start();
		List<Thread> redirects = new ArrayList<>();
		try {
			redirects.add(start(() -> recorder.record(click(0))));
			await().atMost(Duration.ofSeconds(5)).until(() -> busy.attempts.get() == 1);
			for (int i = 1; i <= 50; i++) {
				int n = i;
				redirects.add(start(() -> recorder.record(click(n))));
			}
			// Two free writers take no batch of their own while the newest is written.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gauge(registry, "kurz.clicks.buffered")).isEqualTo(50));
			assertThat(busy.attempts).hasValue(1);
			held.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> busy.savedCount() == 51);
			assertThat(busy.batchSizes).containsExactly(1, 50);
		}
		finally {
			held.countDown();
			recorder.stop();
		}
	}

	/** A redirect's thread. */
	private static Thread start(Runnable redirect) {
		Thread thread = new Thread(redirect, "redirect");
		thread.start();
		return thread;
	}

	@Test
	void pastTheCommitWaitTheRedirectAnswersAndTheClickIsCountedUntilWritten() {
		Gated gated = Gated.started(Duration.ofMillis(50));
		try {
			long start = System.nanoTime();
			gated.recorder().record(click(1));
			gated.recorder().record(click(2));
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
			assertThat(gauge(gated.registry(), "kurz.clicks.not.durable")).isEqualTo(2);
			assertThat(gated.registry().get("kurz.clicks.answered.before.commit").counter().count()).isEqualTo(2);
			assertThat(gated.recorder().state()).isEqualTo(ClickRecorder.State.BUFFERING);

			gated.gate().countDown();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gauge(gated.registry(), "kurz.clicks.not.durable")).isZero());
			assertThat(gated.store().savedCount()).isEqualTo(2);
			assertThat(gated.recorder().state()).isEqualTo(ClickRecorder.State.DURABLE);
		}
		finally {
			gated.gate().countDown();
			gated.recorder().stop();
		}
	}

	@Test
	void redirectsPastTheirCommitWaitAreWokenAndAnswerAfterIt() throws InterruptedException {
		Gated gated = Gated.started(Duration.ofMillis(50));
		try {
			List<Thread> redirects = new ArrayList<>();
			long[] waited = new long[200];
			for (int i = 0; i < waited.length; i++) {
				int n = i;
				redirects.add(start(() -> {
					long start = System.nanoTime();
					gated.recorder().record(click(n));
					waited[n] = System.nanoTime() - start;
				}));
			}
			for (Thread redirect : redirects) {
				redirect.join(5000);
				assertThat(redirect.isAlive()).as("answered after the commit wait").isFalse();
			}
			for (long nanos : waited) {
				assertThat(TimeUnit.NANOSECONDS.toMillis(nanos)).isBetween(50L, 2000L);
			}
			assertThat(gated.registry().get("kurz.clicks.answered.before.commit").counter().count()).isEqualTo(200);
			assertThat(gauge(gated.registry(), "kurz.clicks.not.durable")).isEqualTo(200);
			assertThat(gated.store().savedCount()).isZero();
		}
		finally {
			gated.gate().countDown();
			gated.recorder().stop();
		}
	}

	@Test
	void aFailedWriteIsRetriedUntilItSucceedsAndCountsAsBufferingMeanwhile() {
		TestStore store = new TestStore(new CountDownLatch(0), 4);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(store, commit(Duration.ofMillis(20)), registry);
		recorder.start();
		try {
			recorder.record(click(1));
			assertThat(recorder.state()).isEqualTo(ClickRecorder.State.BUFFERING);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.savedCount()).isEqualTo(1));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(recorder.state()).isEqualTo(ClickRecorder.State.DURABLE));
			assertThat(store.attempts.get()).isEqualTo(5);
			assertThat(registry.get("kurz.clicks.failed").counter().count()).isZero();
			assertThat(registry.get("kurz.clicks.recorded").counter().count()).isEqualTo(1);
			assertThat(gauge(registry, "kurz.clicks.retrying")).isZero();
		}
		finally {
			recorder.stop();
		}
	}

	@Test
	void aBatchPostgresqlRefusesIsLostAndCountedAndItsRedirectAnswers() {
		ClickStore refusing = new ClickStore(null, null, null, null) {

			@Override
			public boolean save(ClickBatch batch) {
				throw new DataIntegrityViolationException("invalid byte sequence");
			}

		};
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(refusing, commit(Duration.ofSeconds(10)), registry);
		recorder.start();
		try {
			long start = System.nanoTime();
			recorder.record(click(1));
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
			assertThat(registry.get("kurz.clicks.failed").counter().count()).isEqualTo(1);
			assertThat(gauge(registry, "kurz.clicks.not.durable")).isZero();
			assertThat(recorder.state()).isEqualTo(ClickRecorder.State.DURABLE);
		}
		finally {
			recorder.stop();
		}
	}

	@Test
	void asyncDurabilityAnswersAtOnceAndCountsTheClickUntilWritten() {
		CountDownLatch gate = new CountDownLatch(1);
		TestStore store = new TestStore(gate, 0);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ClickRecorder recorder = new ClickRecorder(store, new ClickProperties(10_000, 1000, "k", 5000, 0, 1, 10_000,
				500_000, ClickProperties.Durability.ASYNC, Duration.ofSeconds(10), Duration.ofMillis(2)), registry);
		recorder.start();
		try {
			long start = System.nanoTime();
			recorder.record(click(1));
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
			assertThat(gauge(registry, "kurz.clicks.not.durable")).isEqualTo(1);
			assertThat(recorder.state()).isEqualTo(ClickRecorder.State.ASYNC);
			gate.countDown();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gauge(registry, "kurz.clicks.not.durable")).isZero());
			assertThat(store.savedCount()).isEqualTo(1);
			assertThat(registry.get("kurz.clicks.commit.wait").timer().count()).isZero();
		}
		finally {
			gate.countDown();
			recorder.stop();
		}
	}

	@Test
	void aCommitWaitOutsideZeroToTenSecondsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> commit(Duration.ofMillis(-1)))
			.withMessageContaining("kurz.clicks.commit-wait");
		assertThatIllegalArgumentException().isThrownBy(() -> commit(Duration.ofSeconds(11)));
		assertThat(commit(Duration.ZERO).commitWait()).isZero();
	}

}
