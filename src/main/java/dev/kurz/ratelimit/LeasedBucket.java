package dev.kurz.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A client's bucket in Redis, and the tokens this replica has leased from it. For a limit
 * of at least {@value #MIN_LEASE} thousand a minute, one round trip takes a thousandth of
 * the limit, which this replica then spends without asking Redis; smaller limits (the
 * defaults among them) ask Redis on every request. Tokens leave Redis before they are
 * spent, so a client never gets more than its limit in a window. A lease ends with the
 * window it was taken in, and what a replica has not spent by then is lost: a client
 * spread over n replicas can be refused up to n - 1 leases before its limit. Once the
 * bucket holds less than a lease, no lease is taken until the window ends, and every
 * request asks Redis again.
 */
final class LeasedBucket {

	/** A lease is this fraction of the limit. */
	static final long LEASE_DIVISOR = 1000;

	/** Smaller leases are not taken: the limit is spent one request at a time. */
	static final long MIN_LEASE = 2;

	private final Bucket shared;

	private final long leaseSize;

	private final Runnable onLease;

	private final ReentrantLock renewing = new ReentrantLock();

	/**
	 * The last lease taken, or the mark of a window in which the bucket held less than a
	 * lease.
	 */
	private volatile Lease lease;

	LeasedBucket(Bucket shared, long capacity, Runnable onLease) {
		this.shared = shared;
		this.leaseSize = leaseSize(capacity);
		this.onLease = onLease;
	}

	/**
	 * The tokens one lease takes for a limit of this capacity, or 0 when the limit is not
	 * leased.
	 */
	static long leaseSize(long capacity) {
		long size = capacity / LEASE_DIVISOR;
		return (size >= MIN_LEASE) ? size : 0;
	}

	/** The bucket in Redis, for decisions taken one request at a time. */
	Bucket shared() {
		return this.shared;
	}

	/**
	 * Spends one leased token, taking a new lease from Redis when this replica has none
	 * left and no other request is taking one.
	 * @param now the current {@link System#nanoTime()}
	 * @return the grant, or null when the request must be decided by Redis alone
	 */
	Grant spend(long now) {
		if (this.leaseSize == 0) {
			return null;
		}
		Grant grant = spendCurrent(now);
		if (grant != null || holdsOff(now)) {
			return grant;
		}
		// Requests that arrive while another renews are decided by Redis one at a time
		// (Bucket4j
		// merges them into one round trip) rather than queueing here: with Redis slow,
		// each renewal
		// in turn would wait out the timeout.
		if (!this.renewing.tryLock()) {
			return null;
		}
		try {
			// Another request may have renewed the lease just before.
			grant = spendCurrent(now);
			if (grant != null || holdsOff(now)) {
				return grant;
			}
			ConsumptionProbe probe = this.shared.tryConsumeAndReturnRemaining(this.leaseSize);
			long endsAt = now + probe.getNanosToWaitForReset();
			if (!probe.isConsumed()) {
				this.lease = new Lease(new AtomicLong(), probe.getRemainingTokens(), endsAt, false);
				return null;
			}
			this.onLease.run();
			Lease renewed = new Lease(new AtomicLong(this.leaseSize), probe.getRemainingTokens(), endsAt, true);
			// This request spends the first token before others can see the lease.
			grant = renewed.take(now);
			this.lease = renewed;
			return grant;
		}
		finally {
			this.renewing.unlock();
		}
	}

	private Grant spendCurrent(long now) {
		Lease current = this.lease;
		return (current != null) ? current.take(now) : null;
	}

	/**
	 * Whether the bucket held less than a lease in the window still running: no lease
	 * until it ends.
	 */
	private boolean holdsOff(long now) {
		Lease current = this.lease;
		return current != null && !current.granted() && now - current.endsAt() < 0;
	}

	/**
	 * An allowed request: the tokens left as far as this replica knows, and when the
	 * window ends.
	 */
	record Grant(long remaining, long nanosToReset) {

	}

	/**
	 * Leased tokens not yet spent, what Redis held after the lease, and the end of its
	 * window; {@code granted} is false when Redis refused the lease (the mark of a bucket
	 * holding less).
	 */
	private record Lease(AtomicLong left, long remainingInRedis, long endsAt, boolean granted) {

		Grant take(long now) {
			if (now - this.endsAt >= 0) {
				return null;
			}
			long before;
			do {
				before = this.left.get();
				if (before <= 0) {
					return null;
				}
			}
			while (!this.left.compareAndSet(before, before - 1));
			return new Grant(this.remainingInRedis + before - 1, this.endsAt - now);
		}

	}

}
