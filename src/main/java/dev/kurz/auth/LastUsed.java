package dev.kurz.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Records when keys were last used, off the request path: a request only notes the time
 * in memory, and one batch of updates per interval writes what was noted. A failed batch
 * is logged, counted and dropped (the next use notes the time again); it never reaches a
 * request.
 */
@Component
class LastUsed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LastUsed.class);

	private final JdbcTemplate jdbc;

	private final TaskScheduler scheduler;

	private final AuthProperties properties;

	private final Counter failures;

	private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

	private volatile ScheduledFuture<?> schedule;

	LastUsed(JdbcTemplate jdbc, TaskScheduler scheduler, AuthProperties properties, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.properties = properties;
		this.failures = Counter.builder("kurz.auth.last_used.failures")
			.description("Batches of key last-use times that could not be written")
			.register(registry);
	}

	void touch(long keyId) {
		this.pending.put(keyId, Instant.now());
	}

	/**
	 * Writes the noted times; keys used again meanwhile keep their newer time for the
	 * next batch.
	 */
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		List<Object[]> batch = new ArrayList<>();
		for (Map.Entry<Long, Instant> entry : this.pending.entrySet()) {
			if (this.pending.remove(entry.getKey(), entry.getValue())) {
				Timestamp at = Timestamp.from(entry.getValue());
				batch.add(new Object[] { at, entry.getKey(), at });
			}
		}
		try {
			this.jdbc.batchUpdate(
					"UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
					batch);
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			log.warn("Could not write the last use of {} keys: {}", batch.size(), ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.schedule = this.scheduler.scheduleWithFixedDelay(this::flush, this.properties.lastUsedFlushInterval());
	}

	@Override
	public void stop() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
			this.schedule = null;
		}
		flush();
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
