package dev.kurz.auth;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kurz.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks keys. What a replica learnt about a key (valid for a user, or unknown) is kept
 * in memory, so a key known to the replica costs a hash and a map look-up, never a
 * database round trip. Revocations drop the entry here and on every other replica
 * ({@link KeyRevocations}); the time to live bounds an entry whose revocation message was
 * lost.
 */
@Component
class KeyCheck {

	private static final String CHECKED = KeyCheck.class.getName() + ".checked";

	private final JdbcTemplate jdbc;

	private final LastUsed lastUsed;

	private final Set<String> adminHashes;

	private final Cache<String, Optional<KnownKey>> known;

	KeyCheck(JdbcTemplate jdbc, LastUsed lastUsed, AuthProperties properties) {
		this.jdbc = jdbc;
		this.lastUsed = lastUsed;
		this.adminHashes = properties.adminKeys()
			.stream()
			.map(KeySecrets::hash)
			.collect(Collectors.toUnmodifiableSet());
		this.known = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.keyCacheTtl()).build();
	}

	/**
	 * The key the request sends, checked once per request: the rate limiter asks first,
	 * and the security filters use its answer.
	 */
	Optional<KnownKey> check(HttpServletRequest request) {
		Optional<KnownKey> checked = checkedFor(request);
		if (checked == null) {
			checked = check(KeySecrets.sentWith(request));
			request.setAttribute(CHECKED, checked);
		}
		return checked;
	}

	/** What {@link #check(HttpServletRequest)} found for the request, or null. */
	@SuppressWarnings("unchecked")
	static Optional<KnownKey> checkedFor(HttpServletRequest request) {
		return (Optional<KnownKey>) request.getAttribute(CHECKED);
	}

	/** The key, if it is valid; counts as a use of it. */
	Optional<KnownKey> check(String key) {
		if (key == null || key.isEmpty() || key.length() > KeySecrets.MAX_LENGTH) {
			return Optional.empty();
		}
		String hash = KeySecrets.hash(key);
		if (this.adminHashes.contains(hash)) {
			return Optional.of(new KnownKey(hash, null, Caller.admin()));
		}
		// A load runs inside the cache's per-key lock, so an eviction meanwhile waits for
		// it and
		// then removes what it stored: a revocation cannot be overtaken by a look-up of
		// the old row.
		Optional<KnownKey> found = this.known.get(hash, this::load);
		found.ifPresent((k) -> this.lastUsed.touch(k.id()));
		return found;
	}

	private Optional<KnownKey> load(String hash) {
		return this.jdbc
			.query("SELECT id, user_id FROM api_keys WHERE key_hash = ?",
					(rs, n) -> new KnownKey(hash, rs.getLong("id"), Caller.user(rs.getLong("user_id"))), hash)
			.stream()
			.findFirst();
	}

	void evict(String hash) {
		this.known.invalidate(hash);
	}

}
