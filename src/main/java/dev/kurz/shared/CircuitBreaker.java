package dev.kurz.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A minimal circuit breaker for an optional dependency (Redis). After {@code threshold}
 * consecutive failures it opens for {@code openFor}: callers skip the dependency and pay no
 * timeout. Then one trial call is let through; its success closes the breaker again. State
 * changes are reported once each, so logs and metrics see a switch, not every request.
 */
public final class CircuitBreaker {

	private final int threshold;

	private final long openForMillis;

	private final Clock clock;

	private final Consumer<Boolean> onStateChange;

	private final AtomicInteger failures = new AtomicInteger();

	/** Epoch millis until which the breaker is open; 0 when closed. */
	private final AtomicLong openUntil = new AtomicLong();

	public CircuitBreaker(int threshold, Duration openFor, Consumer<Boolean> onStateChange) {
		this(threshold, openFor, Clock.systemUTC(), onStateChange);
	}

	CircuitBreaker(int threshold, Duration openFor, Clock clock, Consumer<Boolean> onStateChange) {
		this.threshold = threshold;
		this.openForMillis = openFor.toMillis();
		this.clock = clock;
		this.onStateChange = onStateChange;
	}

	/** Whether a call may go to the dependency now (closed, or open long enough for a trial). */
	public boolean allowsCall() {
		long until = this.openUntil.get();
		if (until == 0) {
			return true;
		}
		long now = this.clock.millis();
		// One trial per open period: the caller that moves the deadline gets to try.
		return now >= until && this.openUntil.compareAndSet(until, now + this.openForMillis);
	}

	public boolean isOpen() {
		return this.openUntil.get() != 0;
	}

	public void recordSuccess() {
		this.failures.set(0);
		if (this.openUntil.getAndSet(0) != 0) {
			this.onStateChange.accept(Boolean.FALSE);
		}
	}

	public void recordFailure() {
		if (this.failures.incrementAndGet() >= this.threshold
				&& this.openUntil.compareAndSet(0, this.clock.millis() + this.openForMillis)) {
			this.onStateChange.accept(Boolean.TRUE);
		}
	}

}
