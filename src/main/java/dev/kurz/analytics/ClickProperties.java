package dev.kurz.analytics;

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
 * @param lingerMs under load (the last batch held 100 clicks or more), the least time
 * between the starts of two batch writes: the batch fills meanwhile, and one write then
 * carries more clicks per link, so fewer counter updates per click; 0 writes each batch
 * as soon as the last one is done
 * @param writers threads writing batches at the same time, each on its own database
 * connection (1 to 16): a batch that takes longer than the linger to write does not hold
 * up the next one
 * @param rollupIntervalMs time between two rollups of the click events into the per-link
 * counters (one replica at a time); stats add the events past the last rollup, so the
 * interval is not how late a click shows, only how many events a stats request adds up at
 * most
 * @param rollupMaxEvents most events one rollup transaction covers; a rollup that is
 * behind takes several
 */
@ConfigurationProperties("kurz.clicks")
public record ClickProperties(@DefaultValue("100000") int bufferCapacity, @DefaultValue("5000") int maxBatch,
		@DefaultValue("") String ipHashKey, @DefaultValue("2000") long flushTimeoutMs,
		@DefaultValue("100") long lingerMs, @DefaultValue("3") int writers,
		@DefaultValue("10000") long rollupIntervalMs, @DefaultValue("500000") long rollupMaxEvents) {

	public ClickProperties {
		// Each writer holds a connection of the pool while it writes; 16 is well beyond
		// any gain.
		if (writers < 1 || writers > 16) {
			throw new IllegalArgumentException("kurz.clicks.writers must be 1 to 16, not " + writers);
		}
		if (rollupIntervalMs < 1 || rollupMaxEvents < 1) {
			throw new IllegalArgumentException("kurz.clicks.rollup-interval-ms and rollup-max-events must be positive");
		}
	}

}
