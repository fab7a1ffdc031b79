package dev.kurz.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Click recording settings.
 *
 * @param bufferCapacity clicks held in memory waiting for the writer; when full, clicks
 * are dropped and counted rather than making a redirect wait
 * @param maxBatch most clicks written in one database round trip
 * @param ipHashKey key of the HMAC applied to client addresses; set the same value on
 * every replica so that one client hashes alike everywhere (when empty, a random key per
 * process)
 * @param flushTimeoutMs longest a read-your-clicks flush waits before answering anyway
 * @param lingerMs in {@code async} durability and under load (the last batch held 100
 * clicks or more), the least time between the starts of two batch writes: the batch fills
 * meanwhile, so fewer, larger transactions; 0 writes each batch as soon as a writer is
 * free. In {@code commit} durability batches never linger: a redirect waits for its batch
 * @param writers threads writing batches at the same time, each on its own database
 * connection (1 to 16): a batch that takes longer than the linger to write does not hold
 * up the next one
 * @param rollupIntervalMs time between two rollups of the click events into the per-link
 * counters (one replica at a time); stats add the events past the last rollup, so the
 * interval is not how late a click shows, only how many events a stats request adds up at
 * most
 * @param rollupMaxEvents most events one rollup transaction covers; a rollup that is
 * behind takes several
 * @param durability {@code commit}: a redirect answers once the batch holding its click
 * has committed in PostgreSQL (or after {@code commit-wait}); {@code async}: a redirect
 * answers at once and its click is written afterwards
 * @param commitWait in {@code commit} durability, the longest a redirect waits for its
 * click's commit; after it the 302 goes out and the click stays buffered, counted as not
 * durable, until it is written
 * @param overlapAfter how long the newest batch is written alone before another writer
 * starts the next batch beside it: until then the clicks that arrive wait for it and go
 * into one larger batch, so that a batch's fixed cost (its round trip, its commit) is
 * spread over more clicks; a batch that takes longer (PostgreSQL slow, the writer
 * descheduled) no longer holds up the next one. 0 starts a batch as soon as a writer is
 * free
 */
@ConfigurationProperties("kurz.clicks")
public record ClickProperties(@DefaultValue("100000") int bufferCapacity, @DefaultValue("5000") int maxBatch,
		@DefaultValue("") String ipHashKey, @DefaultValue("2000") long flushTimeoutMs,
		@DefaultValue("100") long lingerMs, @DefaultValue("3") int writers,
		@DefaultValue("10000") long rollupIntervalMs, @DefaultValue("500000") long rollupMaxEvents,
		@DefaultValue("commit") Durability durability, @DefaultValue("50ms") Duration commitWait,
		@DefaultValue("2ms") Duration overlapAfter) {

	public ClickProperties {
		// Each writer holds a connection of the pool while it writes; 16 is well beyond
		// any gain.
		if (writers < 1 || writers > 16) {
			throw new IllegalArgumentException("kurz.clicks.writers must be 1 to 16, not " + writers);
		}
		if (rollupIntervalMs < 1 || rollupMaxEvents < 1) {
			throw new IllegalArgumentException("kurz.clicks.rollup-interval-ms and rollup-max-events must be positive");
		}
		if (commitWait.isNegative() || commitWait.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException("kurz.clicks.commit-wait must be 0 to 10s, not " + commitWait);
		}
		if (overlapAfter.isNegative() || overlapAfter.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException("kurz.clicks.overlap-after must be 0 to 10s, not " + overlapAfter);
		}
	}

	/** When a redirect's 302 goes out relative to the commit of its click. */
	public enum Durability {

		/** After the batch holding the click committed, or after the commit wait. */
		COMMIT,

		/** At once; the click is written afterwards. */
		ASYNC

	}

}
