package dev.kurz.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One redirect served with a 302. The client address lives only in memory until the
 * writer replaces it by its keyed hash: the address itself is never stored, and the
 * hashing costs the redirect nothing. The time is kept to the microsecond, as PostgreSQL
 * stores it.
 */
public record Click(long urlId, String shortCode, Instant at, String referrer, String userAgent, String clientAddress) {

	public Click {
		at = at.truncatedTo(ChronoUnit.MICROS);
	}

}
