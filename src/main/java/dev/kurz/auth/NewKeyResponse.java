package dev.kurz.auth;

import java.time.Instant;

/** A key just created: the one answer that shows {@code key}. */
record NewKeyResponse(long id, String key, String prefix, Instant createdAt, Instant lastUsedAt) {

}
