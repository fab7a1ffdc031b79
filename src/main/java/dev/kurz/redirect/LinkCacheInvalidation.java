package dev.kurz.redirect;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.kurz.link.LinkChanged;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every replica's caches in step with link changes. After the changing transaction
 * commits, this replica removes the Redis entry, publishes the code and drops its own
 * copy, so it serves the new state on the very next request; the other replicas drop
 * theirs when the message arrives. The same is done once more a second later: a replica
 * that read the old row just before the commit may have written it back after the first
 * round. A round that could not reach Redis is retried until it does, so a change is
 * never forgotten by the shared cache, and then repeated once more two seconds later for
 * replicas still resubscribing.
 */
@Component
class LinkCacheInvalidation {

	static final long SECOND_ROUND_DELAY_MS = 1000;

	/** Longer than the Redis client's longest reconnect delay (1 s). */
	static final long AFTER_OUTAGE_DELAY_MS = 2000;

	private final ShortUrlResolver resolver;

	private final RedisLinkCache redis;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	/** Codes due for their second round, with the time (epoch millis) when it is due. */
	private final Map<String, Long> secondRound = new ConcurrentHashMap<>();

	LinkCacheInvalidation(ShortUrlResolver resolver, RedisLinkCache redis) {
		this.resolver = resolver;
		this.redis = redis;
	}

	@TransactionalEventListener
	void onLinkChanged(LinkChanged event) {
		this.secondRound.put(event.shortCode(), System.currentTimeMillis() + SECOND_ROUND_DELAY_MS);
		invalidate(event.shortCode());
		this.resolver.evictLocal(event.shortCode());
	}

	/** A message from the channel: {@code "<replica id> <code>"}. */
	void onMessage(String message) {
		int space = message.indexOf(' ');
		String origin = (space < 0) ? "" : message.substring(0, space);
		String code = message.substring(space + 1);
		if (this.redis.isOwn(origin)) {
			return;
		}
		if (RedisLinkCache.EVERYTHING.equals(code)) {
			this.resolver.evictAllLocal();
		}
		else {
			this.resolver.evictLocal(code);
		}
	}

	/**
	 * Empties the redirect cache of every replica: Redis entries, then all local copies.
	 */
	boolean flushAll() {
		boolean done = this.redis.removeAll();
		this.resolver.evictAllLocal();
		return done;
	}

	@Scheduled(fixedDelay = 250)
	void retry() {
		this.redis.probe();
		for (String code : this.pending) {
			invalidate(code);
		}
		long now = System.currentTimeMillis();
		this.secondRound.forEach((code, due) -> {
			if (due <= now && this.secondRound.remove(code, due)) {
				invalidate(code);
				this.resolver.evictLocal(code);
			}
		});
	}

	/**
	 * Callers drop the local copy after this: a reload in between would copy the old
	 * entry back. A round that had to wait for Redis is repeated once more a little
	 * later: the other replicas' subscriptions come back with Redis too, and may come
	 * back after this round.
	 */
	private void invalidate(String code) {
		if (this.redis.remove(code)) {
			if (this.pending.remove(code)) {
				this.secondRound.merge(code, System.currentTimeMillis() + AFTER_OUTAGE_DELAY_MS, Math::max);
			}
		}
		else {
			this.pending.add(code);
		}
	}

}
