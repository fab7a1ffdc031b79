package dev.kurz.auth;

import java.time.Instant;

/** A key as lists show it: never the key itself, only the prefix that tells it apart. */
record KeyResponse(long id, String prefix, Instant createdAt, Instant lastUsedAt) {

}
