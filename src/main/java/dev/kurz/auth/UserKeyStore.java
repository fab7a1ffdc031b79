package dev.kurz.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.kurz.user.UserKeys;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows of {@code api_keys}, written in the caller's transaction; no checks of who
 * asks.
 */
@Component
class UserKeyStore implements UserKeys {

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final AuthProperties properties;

	UserKeyStore(JdbcTemplate jdbc, ApplicationEventPublisher events, AuthProperties properties) {
		this.jdbc = jdbc;
		this.events = events;
		this.properties = properties;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public String issueFirst(long userId) {
		return this.properties.open() ? null : insert(userId).key();
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void revokeAll(long userId) {
		revoked(this.jdbc.queryForList("SELECT key_hash FROM api_keys WHERE user_id = ?", String.class, userId));
	}

	@Transactional(propagation = Propagation.MANDATORY)
	NewKeyResponse insert(long userId) {
		String key = KeySecrets.generate();
		String prefix = KeySecrets.prefix(key);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Long id = this.jdbc.queryForObject(
				"INSERT INTO api_keys (user_id, key_hash, prefix, created_at) VALUES (?, ?, ?, ?) RETURNING id",
				Long.class, userId, KeySecrets.hash(key), prefix, Timestamp.from(now));
		return new NewKeyResponse(id, key, prefix, now, null);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	List<KeyResponse> list(long userId) {
		return this.jdbc
			.query("SELECT id, prefix, created_at, last_used_at FROM api_keys WHERE user_id = ? ORDER BY id",
					(rs, n) -> new KeyResponse(rs.getLong("id"), rs.getString("prefix"),
							rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at"))),
					userId);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void delete(long userId, long keyId) {
		revoked(this.jdbc.queryForList("DELETE FROM api_keys WHERE id = ? AND user_id = ? RETURNING key_hash",
				String.class, keyId, userId));
	}

	/** The keys stop working on every replica once the transaction commits. */
	private void revoked(List<String> hashes) {
		if (!hashes.isEmpty()) {
			this.events.publishEvent(new KeysRevoked(hashes));
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
