package dev.kurz.ops;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code GET /metrics}: totals since the replica started, and gauges read
 * now.
 */
record MetricsResponse(double cpuPercent, double ramPercent, long ramUsed, long ramTotal, double processCpuPercent,
		long uptimeSeconds, long jvmHeapUsed, long jvmHeapMax, Requests requests, long redirectsServed, Cache cache,
		Clicks clicks, DbPool dbPool, RateLimit rateLimit) {

	/** Answered requests by status class. */
	record Requests(@JsonProperty("1xx") long informational, @JsonProperty("2xx") long successful,
			@JsonProperty("3xx") long redirection, @JsonProperty("4xx") long clientError,
			@JsonProperty("5xx") long serverError) {

	}

	/**
	 * Redirect look-ups by the layer that answered, and the state of the layers.
	 *
	 * @param hitRatio share of look-ups answered by a cache layer, to four decimals
	 * @param redisBypassed whether the circuit breaker keeps the look-ups away from Redis
	 * now
	 */
	record Cache(long localHits, long redisHits, long databaseLoads, double hitRatio, boolean redisBypassed,
			long localBytes, long localMaxBytes) {

	}

	/**
	 * @param buffered clicks in the buffer, not yet handed to a writer
	 * @param notDurable clicks answered with a 302 and not yet written to PostgreSQL
	 * @param answeredBeforeCommit clicks whose redirect answered after the commit wait,
	 * before their batch committed ({@code commit} durability)
	 * @param retrying batches waiting to be written again after a failed write
	 */
	record Clicks(long recorded, long dropped, long failed, long buffered, long notDurable, long answeredBeforeCommit,
			long retrying) {

	}

	record DbPool(long active, long idle, long pending, long max) {

	}

	/**
	 * @param localFallback whether this replica limits on its own because Redis is
	 * unavailable
	 */
	record RateLimit(long refused, boolean localFallback) {

	}

}
