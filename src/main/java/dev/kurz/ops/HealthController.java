package dev.kurz.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.kurz.analytics.ClickRecorder;
import dev.kurz.auth.AuthProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: PostgreSQL and Redis checked in parallel, each under its own
 * deadline, so the answer comes within a second even when a dependency hangs. PostgreSQL
 * down is an error (503): nothing works without it. Redis down is "degraded" (200):
 * redirects and writes go on from PostgreSQL, and a load balancer must not pull every
 * replica at once because the cache is gone. Clicks buffering (PostgreSQL cannot take
 * them) changes no status: redirects go on, and {@code details.clicks} says that answered
 * clicks are not yet durable.
 */
@RestController
class HealthController {

	static final Duration CHECK_TIMEOUT = Duration.ofMillis(800);

	private final HealthIndicator database;

	private final HealthIndicator redis;

	private final ExecutorService checks = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "health-check");
		thread.setDaemon(true);
		return thread;
	});

	private final MeterRegistry registry;

	private final String authMode;

	private final ClickRecorder clicks;

	HealthController(@Qualifier("databaseHealthIndicator") HealthIndicator database,
			@Qualifier("redisHealthIndicator") HealthIndicator redis, MeterRegistry registry, AuthProperties auth,
			ClickRecorder clicks) {
		this.database = database;
		this.redis = redis;
		this.registry = registry;
		this.authMode = auth.mode().name().toLowerCase(java.util.Locale.ROOT);
		this.clicks = clicks;
	}

	@GetMapping("/health")
	ResponseEntity<HealthResponse> health() {
		long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
		CompletableFuture<Outcome> db = CompletableFuture.supplyAsync(() -> run(this.database), this.checks);
		CompletableFuture<Outcome> cache = CompletableFuture.supplyAsync(() -> run(this.redis), this.checks);
		Outcome dbCheck = await(db, deadline);
		Outcome redisCheck = await(cache, deadline);
		String status = !dbCheck.up() ? "error" : (!redisCheck.up() ? "degraded" : "ok");
		HealthResponse body = new HealthResponse(status, new HealthResponse.Checks(dbCheck.state(), redisCheck.state()),
				new HealthResponse.Details(dbCheck.details(), redisCheck.details(),
						new HealthResponse.RateLimit(rateLimitMode()), this.authMode,
						this.clicks.state().name().toLowerCase(java.util.Locale.ROOT)));
		return ResponseEntity.status(dbCheck.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

	/**
	 * "redis" while limits are shared across replicas, "local" while this replica limits
	 * alone.
	 */
	private String rateLimitMode() {
		Gauge fallback = this.registry.find("kurz.ratelimit.fallback").gauge();
		return (fallback != null && fallback.value() > 0) ? "local" : "redis";
	}

	private static Outcome run(HealthIndicator indicator) {
		long start = System.nanoTime();
		Health health;
		try {
			health = indicator.health();
		}
		catch (RuntimeException ex) {
			health = Health.down(ex).build();
		}
		long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		boolean up = Status.UP.equals(health.getStatus());
		return new Outcome(up, up ? "ok" : "down", new HealthResponse.Check(latency, up ? null : reason(health)));
	}

	private static String reason(Health health) {
		Object error = health.getDetails().get("error");
		return (error != null) ? error.toString().replaceAll("^[\\w.$]+: ", "") : health.getStatus().getCode();
	}

	private static Outcome await(CompletableFuture<Outcome> check, long deadline) {
		try {
			return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			check.cancel(true);
			return down("timed out after " + CHECK_TIMEOUT.toMillis() + " ms");
		}
		catch (Exception ex) {
			return down("check failed");
		}
	}

	private static Outcome down(String reason) {
		return new Outcome(false, "down", new HealthResponse.Check(null, reason));
	}

	/**
	 * A check's outcome: whether it passed, its word in {@code checks}, and its details.
	 */
	private record Outcome(boolean up, String state, HealthResponse.Check details) {

	}

}
