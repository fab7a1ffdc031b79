package dev.kurz.analytics;

import java.time.Instant;

/**
 * One redirect served with a 302. The client address lives only in memory until the writer
 * replaces it by its keyed hash: the address itself is never stored, and the hashing costs the
 * redirect nothing.
 */
public record Click(long urlId, String shortCode, Instant at, String referrer, String userAgent,
		String clientAddress) {

}
