package dev.kurz.analytics;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds the click events written since the last rollup to the per-link daily counters
 * ({@code url_click_daily}: clicks, and of them bot clicks) and the first event id of
 * each day ({@code click_days}), and moves the watermark
 * ({@code click_rollup.last_event_id}) past them in the same transaction. Click writers
 * only append events; here many clicks are added at once, grouped per link, day and
 * referrer and in key order, so a counter page is read and written once per rollup rather
 * than once per click. Stats add the link's click events past the watermark to its
 * counters, so a click counts from the moment its batch commits.
 * <p>
 * Every replica runs it every {@code rollup-interval-ms}; one at a time, under an
 * advisory lock. The counters only include events below an id that no click writer can
 * still write under: the writers hold {@link #WRITERS_LOCK} shared while they write, and
 * the rollup takes it alone for the moment it reads the largest event id. A batch whose
 * ids are taken but not yet committed therefore always ends below that id, never behind
 * the watermark.
 * <p>
 * Counted are the click events a redirect recorded: type {@code click} with a
 * {@code client_hash} in their details. A {@code click} posted through
 * {@code POST /events} or imported from CSV is in the audit trail and
 * {@code GET /events}, not in the stats.
 */
@Component
class ClickRollup implements SmartLifecycle {

	/**
	 * Held shared by every transaction that writes click events, alone by a rollup for a
	 * moment.
	 */
	static final long WRITERS_LOCK = 0x4b75727a_00000001L;

	/** Held by the replica whose rollup is running. */
	static final long ROLLUP_LOCK = 0x4b75727a_00000002L;

	/** Longest wait for the batches being written before a rollup gives up its turn. */
	static final String WAIT_FOR_WRITERS = "1s";

	/** PostgreSQL's SQLSTATE when {@code lock_timeout} ends a wait. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/** The click events a redirect recorded, as the counters and the stats count them. */
	static final String COUNTED = "event_type = 'click' AND details -> 'client_hash' IS NOT NULL";

	/** A click's counter row: its UTC day and its referrer ('' for none). */
	static final String DAY = "(timestamp AT TIME ZONE 'UTC')::date";

	static final String REFERRER = "coalesce(details->>'referrer', '')";

	/** A click the writer found to come from a bot; clicks without the flag are human. */
	static final String BOT = "details->>'bot' = 'true'";

	private static final String ADD_TO_COUNTERS = """
			INSERT INTO url_click_daily (url_id, day, referrer, clicks, bot_clicks, last_click_at)
			SELECT url_id, %s, %s, count(*), count(*) FILTER (WHERE %s), max(timestamp) FROM events
			WHERE id > ? AND id <= ? AND %s
			GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
			ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = url_click_daily.clicks + EXCLUDED.clicks,
			  bot_clicks = url_click_daily.bot_clicks + EXCLUDED.bot_clicks,
			  last_click_at = GREATEST(url_click_daily.last_click_at, EXCLUDED.last_click_at)""".formatted(DAY,
			REFERRER, BOT, COUNTED);

	/**
	 * The first event id of each day of the chunk, where unique visitors start reading a
	 * window. Chunks move up in id order: a day already there keeps its smaller id.
	 */
	private static final String MARK_DAYS = """
			INSERT INTO click_days (day, first_event_id)
			SELECT %s, min(id) FROM events WHERE id > ? AND id <= ? AND %s
			GROUP BY 1 ON CONFLICT (day) DO NOTHING""".formatted(DAY, COUNTED);

	/**
	 * Batch ids an hour old: no batch is retried with an id that old
	 * ({@link ClickRecorder#IN_DOUBT_LIMIT}). Batch ids grow with time, so the scan from
	 * the oldest id stops at the first row to keep. Replicas take ids in blocks
	 * ({@link ClickStore}), so an old row may sit above a younger one and stay until a
	 * later pruning; a row younger than an hour is never removed.
	 */
	private static final String PRUNE_BATCH_IDS = """
			DELETE FROM click_batches WHERE id < (
			  SELECT id FROM click_batches WHERE written_at >= now() - interval '1 hour' ORDER BY id LIMIT 1)""";

	private static final Logger log = LoggerFactory.getLogger(ClickRollup.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final ClickProperties properties;

	private final Counter events;

	private final Timer duration;

	private volatile boolean running;

	private Thread thread;

	ClickRollup(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ClickProperties properties,
			MeterRegistry registry) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.events = Counter.builder("kurz.clicks.rollup.events")
			.description("Events (of every type) the click rollup moved its watermark past")
			.register(registry);
		this.duration = Timer.builder("kurz.clicks.rollup")
			.description("Click rollups run by this replica")
			.register(registry);
	}

	/**
	 * Adds every click event committed before this call (and perhaps later ones) to the
	 * counters.
	 * @return the events the watermark moved past, or -1 when another replica was rolling
	 * up or a batch being written held the writers' lock for longer than
	 * {@link #WAIT_FOR_WRITERS}
	 */
	long rollUp() {
		long end;
		try {
			end = committedEnd();
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
				// A slow batch: the writers queued behind this rollup go on, and the next
				// rollup tries again.
				return -1;
			}
			throw ex;
		}
		long moved = 0;
		while (true) {
			Long step = this.transaction.execute((status) -> step(end));
			if (step == null) {
				return (moved == 0) ? -1 : moved;
			}
			if (step == 0) {
				return moved;
			}
			moved += step;
			this.events.increment(step);
		}
	}

	/**
	 * The largest event id, read while no click writer is writing: every click up to it
	 * is done. While the rollup waits for the lock, batches that start meanwhile wait
	 * behind it, so it waits at most {@link #WAIT_FOR_WRITERS}.
	 */
	private long committedEnd() {
		Long end = this.transaction.execute((status) -> {
			this.jdbc.execute("SET LOCAL lock_timeout = '" + WAIT_FOR_WRITERS + "'");
			this.jdbc.execute("SELECT pg_advisory_xact_lock(" + WRITERS_LOCK + ")");
			return this.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM events", Long.class);
		});
		return (end != null) ? end : 0;
	}

	/**
	 * One chunk of at most {@code rollup-max-events} events; null when another replica
	 * holds the rollup.
	 */
	private Long step(long end) {
		if (!Boolean.TRUE
			.equals(this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, ROLLUP_LOCK))) {
			return null;
		}
		long from = this.jdbc.queryForObject("SELECT last_event_id FROM click_rollup", Long.class);
		if (from >= end) {
			return 0L;
		}
		long to = Math.min(end, from + this.properties.rollupMaxEvents());
		// Grouping half a million clicks in memory rather than in temporary files.
		this.jdbc.execute("SET LOCAL work_mem = '64MB'");
		this.jdbc.update(ADD_TO_COUNTERS, from, to);
		this.jdbc.update(MARK_DAYS, from, to);
		this.jdbc.update("UPDATE click_rollup SET last_event_id = ?", to);
		return to - from;
	}

	/** Removes the batch ids no retry can still ask for; returns how many. */
	int pruneBatchIds() {
		return this.jdbc.update(PRUNE_BATCH_IDS);
	}

	private void loop() {
		long interval = this.properties.rollupIntervalMs();
		while (this.running) {
			try {
				TimeUnit.MILLISECONDS.sleep(interval);
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				long start = System.nanoTime();
				long moved = rollUp();
				pruneBatchIds();
				long nanos = System.nanoTime() - start;
				this.duration.record(nanos, TimeUnit.NANOSECONDS);
				if (moved > 0) {
					log.info("Click rollup moved past {} events in {} ms", moved, TimeUnit.NANOSECONDS.toMillis(nanos));
				}
			}
			catch (RuntimeException ex) {
				// PostgreSQL away or busy: the events stay past the watermark and count
				// in stats.
				log.warn("Click rollup failed; it runs again in {} ms: {}", interval, ex.toString());
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::loop, "click-rollup");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
