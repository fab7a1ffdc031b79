package dev.kurz.redirect;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.kurz.link.LinkService;
import dev.kurz.link.LinkTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
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
 * since a message may have been missed meanwhile.
 * <p>
 * The bound is the entries' estimated heap, kept by admission: once it is reached, a loaded entry
 * answers the requests that waited for it and is not kept; room comes back as entries expire or
 * are dropped. Nothing is evicted to make room, so the cache keeps no recency order and a hit
 * writes nothing: with eviction, every read was recorded and then moved its entry within the
 * recency lists, work spread over every entry of a million-link cache.
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

	private final long maxBytes;

	/** Estimated heap of the entries kept. */
	private final AtomicLong keptBytes = new AtomicLong();

	private volatile boolean subscribed;

	private volatile boolean redisAvailable = true;

	/** Both of the above: invalidation messages reach this replica. */
	private volatile boolean trusted;

	ShortUrlResolver(LinkService links, RedisLinkCache redis, RedirectCacheProperties properties,
			MeterRegistry registry) {
		this.links = links;
		this.redis = redis;
		this.maxBytes = properties.localMaxBytes();
		// Expiry alone, no maximum: Caffeine then records no reads (no read buffer, no reorders).
		this.local = Caffeine.newBuilder()
			.expireAfter(Expiry.<String, Entry>creating((code, entry) -> (entry.target() != null)
					? properties.localTtl() : properties.negativeTtl()))
			.removalListener((String code, Entry entry, RemovalCause cause) -> {
				if (entry != null && entry.kept()) {
					this.keptBytes.addAndGet(-estimatedBytes(code, entry.target()));
				}
			})
			.executor(Runnable::run)
			.build();
		this.degradedNanos = properties.localTtlDegraded().toNanos();
		this.localHits = lookups(registry, "local");
		this.redisHits = lookups(registry, "redis");
		this.databaseLoads = lookups(registry, "database");
		Gauge.builder("kurz.redirect.cache.local.size", this.keptBytes, AtomicLong::get)
			.description("Estimated heap of the entries in this replica's redirect cache")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		Gauge.builder("kurz.redirect.cache.local.max", this, (resolver) -> resolver.maxBytes)
			.description("Bound of this replica's redirect cache; loads beyond it are not kept")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		redis.onAvailabilityChange((available) -> {
			this.redisAvailable = available;
			trustChanged();
		});
		log.info("In-process redirect cache: up to {} MB of entries", this.maxBytes >> 20);
	}

	/**
	 * Heap an entry takes: about 240 bytes of objects (node, key, entry, target, strings) plus the
	 * characters of code and URL (measured with 8-character codes and 32-character URLs: 275).
	 */
	private static long estimatedBytes(String code, LinkTarget target) {
		return 240L + code.length() + ((target != null) ? target.originalUrl().length() : 0);
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
			// Concurrent misses on the code wait for this one load (the map's lock on the key).
			entry = this.local.get(code, this::load);
			if (!entry.kept()) {
				this.local.asMap().remove(code, entry);
			}
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
		Optional<LinkTarget> target;
		if (cached.isPresent()) {
			this.redisHits.increment();
			target = cached.get();
		}
		else {
			this.databaseLoads.increment();
			target = this.links.findRedirectTarget(code);
			this.redis.put(code, target);
		}
		return admitted(code, target.orElse(null));
	}

	/** An entry for the target, counted against the bound if there is room for it. */
	private Entry admitted(String code, LinkTarget target) {
		long bytes = estimatedBytes(code, target);
		boolean kept = this.keptBytes.addAndGet(bytes) <= this.maxBytes;
		if (!kept) {
			this.keptBytes.addAndGet(-bytes);
		}
		return new Entry(target, System.nanoTime(), kept);
	}

	/**
	 * A cached answer; a null target means "no live link with this code".
	 * @param loadedAt {@link System#nanoTime()} when it was loaded
	 * @param kept whether it stays in the cache (counted against the bound) or only answers the
	 * requests that waited for its load
	 */
	record Entry(LinkTarget target, long loadedAt, boolean kept) {

	}

}
