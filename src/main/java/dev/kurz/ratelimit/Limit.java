package dev.kurz.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * One of the two limits every client has: n requests per minute, counted in fixed windows
 * that start with the client's first request. The whole minute's worth may be spent at
 * once; the bucket is refilled in full when the window ends, so the (n+1)th request
 * within a window is always refused. Across a window boundary a client can place at most
 * 2n requests in a short span.
 */
enum Limit {

	ALL("all"), WRITES("writes");

	private final String policyName;

	Limit(String policyName) {
		this.policyName = policyName;
	}

	String policyName() {
		return this.policyName;
	}

	static final Duration WINDOW = Duration.ofMinutes(1);

	static BucketConfiguration configuration(long perMinute) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(perMinute).refillIntervally(perMinute, WINDOW))
			.build();
	}

}
