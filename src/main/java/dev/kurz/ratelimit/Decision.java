package dev.kurz.ratelimit;

/**
 * Outcome for one request against one limit.
 *
 * @param limit the limit
 * @param allowed whether the request may pass
 * @param remaining tokens left after this request
 * @param capacity tokens per minute
 * @param nanosToRetry when refused, how long until a token is back
 * @param nanosToReset how long until the bucket is full again
 */
record Decision(Limit limit, boolean allowed, long remaining, long capacity, long nanosToRetry, long nanosToReset) {

	long secondsToReset() {
		return (long) Math.ceil(this.nanosToReset / 1_000_000_000.0);
	}

	long retryAfterSeconds() {
		return Math.max(1, (long) Math.ceil(this.nanosToRetry / 1_000_000_000.0));
	}

}
