package dev.kurz.redirect;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.kurz.link.LinkService;
import dev.kurz.link.LinkTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds where a short code points: in-process cache, then Redis, then PostgreSQL, filling the
 * layers it missed. Unknown codes are cached too (briefly), so enumeration cannot hammer the
 * database. Concurrent misses on one code wait for a single load: one query per replica.
 * <p>
 * In-process entries live as long as Redis entries while this replica can rely on invalidation
 * messages (Redis available and the change channel subscribed). While it cannot, an entry older
 * than {@code local-ttl-degraded} is loaded again; once it can again, every entry is dropped,
 * since a message may have been missed meanwhile. The bound is the entries' estimated heap.
 */
@Component
class ShortUrlResolver {

	private static final Logger log = LoggerFactory.getLogger(ShortUrlResolver.class);

	private final LinkService links;

	private final RedisLinkCache redis;

	private final Cache<String, Entry> local;

	private final Counter localHits;

	private final Counter redisHits;

	private final Counter databaseLoads;

	private final long degradedNanos;

	private volatile boolean subscribed;

	private volatile boolean redisAvailable = true;

	/** Both of the above: invalidation messages reach this replica. */
	private volatile boolean trusted;

	ShortUrlResolver(LinkService links, RedisLinkCache redis, RedirectCacheProperties properties,
			MeterRegistry registry) {
		this.links = links;
		this.redis = redis;
		long maxBytes = properties.localMaxBytes();
		this.local = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher(ShortUrlResolver::estimatedBytes)
			.expireAfter(Expiry.<String, Entry>creating((code, entry) -> (entry.target() != null)
					? properties.localTtl() : properties.negativeTtl()))
			.executor(Runnable::run)
			.build();
		this.degradedNanos = properties.localTtlDegraded().toNanos();
		this.localHits = lookups(registry, "local");
		this.redisHits = lookups(registry, "redis");
		this.databaseLoads = lookups(registry, "database");
		redis.onAvailabilityChange((available) -> {
			this.redisAvailable = available;
			trustChanged();
		});
		log.info("In-process redirect cache: up to {} MB of entries", maxBytes >> 20);
	}

	/**
	 * Heap an entry takes: about 240 bytes of objects (node, key, entry, target, strings) plus the
	 * characters of code and URL (measured with 8-character codes and 32-character URLs: 275).
	 */
	private static int estimatedBytes(String code, Entry entry) {
		long chars = code.length() + ((entry.target() != null) ? entry.target().originalUrl().length() : 0);
		return (int) Math.min(Integer.MAX_VALUE, 240 + chars);
	}

	private static Counter lookups(MeterRegistry registry, String layer) {
		return Counter.builder("kurz.redirect.lookups")
			.description("Redirect look-ups by the layer that answered")
			.tag("layer", layer)
			.register(registry);
	}

	Optional<LinkTarget> resolve(String code) {
		Entry entry = this.local.getIfPresent(code);
		if (entry != null && !this.trusted && System.nanoTime() - entry.loadedAt() > this.degradedNanos) {
			// Only this entry: a concurrent request may already have put a fresh one.
			this.local.asMap().remove(code, entry);
			entry = null;
		}
		if (entry != null) {
			this.localHits.increment();
		}
		else {
			entry = this.local.get(code, this::load);
		}
		return Optional.ofNullable(entry.target());
	}

	/** The change channel was found subscribed, or found missing. */
	void subscriptionChanged(boolean subscribed) {
		this.subscribed = subscribed;
		trustChanged();
	}

	boolean isTrusted() {
		return this.trusted;
	}

	private synchronized void trustChanged() {
		boolean now = this.subscribed && this.redisAvailable;
		if (now && !this.trusted) {
			// Messages sent while this replica could not hear them are lost: start afresh.
			this.local.invalidateAll();
		}
		this.trusted = now;
	}

	/** Drops this replica's copy; the next request reads through to Redis or PostgreSQL. */
	void evictLocal(String code) {
		this.local.invalidate(code);
	}

	void evictAllLocal() {
		this.local.invalidateAll();
	}

	private Entry load(String code) {
		Optional<Optional<LinkTarget>> cached = this.redis.get(code);
		if (cached.isPresent()) {
			this.redisHits.increment();
			return new Entry(cached.get().orElse(null), System.nanoTime());
		}
		this.databaseLoads.increment();
		Optional<LinkTarget> target = this.links.findRedirectTarget(code);
		this.redis.put(code, target);
		return new Entry(target.orElse(null), System.nanoTime());
	}

	/**
	 * A cached answer; a null target means "no live link with this code".
	 * @param loadedAt {@link System#nanoTime()} when it was loaded
	 */
	record Entry(LinkTarget target, long loadedAt) {

	}

}
