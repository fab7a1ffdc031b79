package dev.kurz.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.kurz.support.TestRedis;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases of large limits: tokens leave the bucket before they are spent, so no request is
 * allowed beyond the limit, whichever replica it reaches; a lease ends with its window.
 */
class LeasedBucketTests {

	private static final long MINUTE = Limit.WINDOW.toNanos();

	private final ManualClock clock = new ManualClock();

	private final AtomicInteger leasesTaken = new AtomicInteger();

	/** A bucket with the limiter's own limit, in memory, on the test's clock. */
	private Bucket bucket(long perMinute) {
		return Bucket.builder()
			.addLimit(Limit.configuration(perMinute).getBandwidths()[0])
			.withCustomTimePrecision(this.clock)
			.build();
	}

	@Test
	void theDefaultLimitsAreAskedOfRedisOnEveryRequest() {
		assertThat(LeasedBucket.leaseSize(200)).isZero();
		assertThat(LeasedBucket.leaseSize(30)).isZero();
		assertThat(LeasedBucket.leaseSize(1_999)).isZero();
		assertThat(LeasedBucket.leaseSize(2_000)).isEqualTo(2);
		assertThat(LeasedBucket.leaseSize(100_000_000)).isEqualTo(100_000);

		Bucket shared = bucket(200);
		LeasedBucket leased = new LeasedBucket(shared, 200, this.leasesTaken::incrementAndGet);
		assertThat(leased.spend(this.clock.now())).isNull();
		assertThat(shared.getAvailableTokens()).isEqualTo(200);
		assertThat(this.leasesTaken).hasValue(0);
	}

	@Test
	void aLeaseIsTakenWholeAndSpentWithoutAskingAgain() {
		Bucket shared = bucket(4_000);
		LeasedBucket leased = new LeasedBucket(shared, 4_000, this.leasesTaken::incrementAndGet);

		LeasedBucket.Grant first = leased.spend(this.clock.now());
		assertThat(first.remaining()).isEqualTo(3_999);
		assertThat(first.nanosToReset()).isEqualTo(MINUTE);
		assertThat(shared.getAvailableTokens()).isEqualTo(3_996);

		this.clock.advance(Duration.ofSeconds(1));
		for (int i = 2; i <= 4; i++) {
			assertThat(leased.spend(this.clock.now()).remaining()).isEqualTo(4_000 - i);
		}
		assertThat(leased.spend(this.clock.now()).remaining()).isEqualTo(3_995);
		assertThat(this.leasesTaken).hasValue(2);
		assertThat(shared.getAvailableTokens()).isEqualTo(3_992);
	}

	@Test
	void aLeaseEndsWithItsWindowAndItsLeftoverIsNotCarriedOver() {
		Bucket shared = bucket(4_000);
		LeasedBucket leased = new LeasedBucket(shared, 4_000, this.leasesTaken::incrementAndGet);
		assertThat(leased.spend(this.clock.now())).isNotNull();

		// The bucket is full again a minute later; the three tokens left of the old lease
		// are gone.
		this.clock.advance(Duration.ofSeconds(61));
		LeasedBucket.Grant next = leased.spend(this.clock.now());
		assertThat(this.leasesTaken).hasValue(2);
		assertThat(next.remaining()).isEqualTo(3_999);
		assertThat(shared.getAvailableTokens()).isEqualTo(3_996);
	}

	@Test
	void aBucketHoldingLessThanALeaseIsSpentOneRequestAtATimeUntilItsWindowEnds() {
		Bucket shared = bucket(4_000);
		assertThat(shared.tryConsume(3_998)).isTrue();
		LeasedBucket leased = new LeasedBucket(shared, 4_000, this.leasesTaken::incrementAndGet);

		assertThat(leased.spend(this.clock.now())).isNull();
		assertThat(shared.getAvailableTokens()).isEqualTo(2);
		assertThat(shared.tryConsume(1)).isTrue();
		this.clock.advance(Duration.ofSeconds(59));
		// Until the window ends the bucket is not asked for a lease again (it would read
		// the clock).
		int reads = this.clock.reads();
		assertThat(leased.spend(this.clock.now())).isNull();
		assertThat(this.clock.reads()).isEqualTo(reads);
		assertThat(this.leasesTaken).hasValue(0);

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(leased.spend(this.clock.now())).isNotNull();
		assertThat(this.leasesTaken).hasValue(1);
		assertThat(shared.getAvailableTokens()).isEqualTo(3_996);
	}

	@Test
	void concurrentRequestsNeverSpendMoreThanTheLimit() throws Exception {
		Bucket shared = bucket(4_000);
		LeasedBucket leased = new LeasedBucket(shared, 4_000, this.leasesTaken::incrementAndGet);
		AtomicLong allowed = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				workers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 1_000; i++) {
						// As the limiter does: without a grant, the request is decided by
						// the bucket alone.
						if (leased.spend(this.clock.now()) != null || shared.tryConsume(1)) {
							allowed.incrementAndGet();
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(allowed).hasValue(4_000);
		// Requests arriving during a renewal take single tokens instead of waiting for
		// it.
		assertThat(this.leasesTaken.get()).isBetween(1, 1_000);
	}

	@Test
	void twoReplicasSharingRedisAllowTheLimitExactly() {
		String prefix = "test:lease:" + UUID.randomUUID() + ":";
		LettuceConnectionFactory factory = TestRedis.connectionFactory();
		SimpleMeterRegistry registryA = new SimpleMeterRegistry();
		SimpleMeterRegistry registryB = new SimpleMeterRegistry();
		RateLimitProperties properties = new RateLimitProperties(true, 4_000, 30, Duration.ofSeconds(3), prefix);
		RateLimiter a = new RateLimiter(properties, factory, registryA);
		RateLimiter b = new RateLimiter(properties, factory, registryB);
		try {
			int allowed = 0;
			for (int i = 0; i < 4_100; i++) {
				if (((i % 2 == 0) ? a : b).consume("client", Limit.ALL).allowed()) {
					allowed++;
				}
			}
			assertThat(allowed).isEqualTo(4_000);
			Decision refused = a.consume("client", Limit.ALL);
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.remaining()).isZero();
			double leases = registryA.get("kurz.ratelimit.leases").counter().count()
					+ registryB.get("kurz.ratelimit.leases").counter().count();
			assertThat(leases).isEqualTo(1_000);
			assertThat(a.isLocalFallback() || b.isLocalFallback()).isFalse();
		}
		finally {
			a.destroy();
			b.destroy();
			factory.destroy();
		}
	}

	/**
	 * Time for both the bucket and the lease, moved by the test; it counts the bucket's
	 * reads.
	 */
	private static final class ManualClock implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

		private final AtomicInteger reads = new AtomicInteger();

		long now() {
			return this.nanos.get();
		}

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		/**
		 * How often a bucket has read this clock: once per call that consumes or checks
		 * tokens.
		 */
		int reads() {
			return this.reads.get();
		}

		@Override
		public long currentTimeNanos() {
			this.reads.incrementAndGet();
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
