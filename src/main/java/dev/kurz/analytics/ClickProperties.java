package dev.kurz.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Click recording settings.
 *
 * @param bufferCapacity clicks held in memory waiting for the writer; when full, clicks are
 * dropped and counted rather than making a redirect wait
 * @param maxBatch most clicks written in one database round trip
 * @param ipHashKey key of the HMAC applied to client addresses; set the same value on every
 * replica so that one client hashes alike everywhere (when empty, a random key per process)
 * @param flushTimeoutMs longest a read-your-clicks flush waits before answering anyway
 */
@ConfigurationProperties("kurz.clicks")
public record ClickProperties(@DefaultValue("100000") int bufferCapacity, @DefaultValue("2000") int maxBatch,
		@DefaultValue("") String ipHashKey, @DefaultValue("2000") long flushTimeoutMs) {

}
