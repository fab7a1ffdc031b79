package dev.kurz.ratelimit;

/**
 * Outcome for one request against one limit.
 *
 * @param limit the limit
 * @param allowed whether the request may pass
 * @param remaining tokens left after this request
 * @param capacity tokens per minute
 * @param nanosToRetry when refused, how long until a token is back
 */
record Decision(Limit limit, boolean allowed, long remaining, long capacity, long nanosToRetry) {

	/** Seconds until the bucket is full again at the steady refill rate. */
	long secondsToReset() {
		long missing = this.capacity - this.remaining;
		return (long) Math.ceil(missing * (double) Limit.WINDOW.toSeconds() / this.capacity);
	}

	long retryAfterSeconds() {
		return Math.max(1, (long) Math.ceil(this.nanosToRetry / 1_000_000_000.0));
	}

}
