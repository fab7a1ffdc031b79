package dev.kurz.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;

/**
 * The three limits: requests to the API (writes included), writes, and redirects. Each
 * counts n requests per minute in fixed windows that start with the client's first
 * request: the whole minute's worth may be spent at once, the (n+1)th request within a
 * window is refused, and the count starts again when the window ends. Across a window
 * boundary a client can place at most 2n requests in a short span.
 */
enum Limit {

	/** Published as {@code all} in the {@code RateLimit} headers and the metrics. */
	API("all"), WRITES("writes"), REDIRECTS("redirects");

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final String policyName;

	Limit(String policyName) {
		this.policyName = policyName;
	}

	String policyName() {
		return this.policyName;
	}

	/** The same window as a Bucket4j bandwidth, for the buckets kept in memory. */
	static Bandwidth bandwidth(long perMinute) {
		return Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, WINDOW).build();
	}

}
