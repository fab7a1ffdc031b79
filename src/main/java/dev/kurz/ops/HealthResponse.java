package dev.kurz.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code GET /health}.
 *
 * @param status {@code ok}, {@code degraded} (Redis down) or {@code error} (PostgreSQL
 * down)
 * @param checks {@code ok} or {@code down} per dependency
 */
record HealthResponse(String status, Checks checks, Details details) {

	record Checks(String database, String redis) {

	}

	/**
	 * @param auth the authentication mode: {@code keys} or {@code open}
	 * @param clicks {@code durable} (every answered click is written), {@code buffering}
	 * (clicks are waiting for PostgreSQL: redirects answer without waiting for their
	 * click's commit) or {@code async} ({@code kurz.clicks.durability=async})
	 */
	record Details(Check database, Check redis, RateLimit rateLimit, String auth, String clicks) {

	}

	/**
	 * One dependency's check.
	 *
	 * @param latencyMs how long the check took; absent when it did not finish in time
	 * @param reason why the dependency counts as down; absent while it is up
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Check(Long latencyMs, String reason) {

	}

	/**
	 * @param mode {@code redis} while limits are shared across replicas, {@code local}
	 * while not
	 */
	@Schema(name = "HealthRateLimit")
	record RateLimit(String mode) {

	}

}
