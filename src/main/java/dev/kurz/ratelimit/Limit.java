package dev.kurz.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * One of the two limits every client has. Tokens refill greedily (continuously, one every
 * 60/n seconds) up to a full minute's worth, so a client may burst its whole minute at once and
 * then proceeds at the steady rate.
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
			.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW))
			.build();
	}

}
