package dev.kurz.analytics;

import java.time.Instant;

/** One redirect served with a 302, as recorded. {@code clientHash} is a keyed hash, never the address. */
public record Click(long urlId, String shortCode, Instant at, String referrer, String userAgent, String clientHash) {

}
