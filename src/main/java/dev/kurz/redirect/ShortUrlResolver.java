package dev.kurz.redirect;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * Finds where a short code points: in-process cache, then Redis, then PostgreSQL, filling
 * the layers it missed. Unknown codes are cached too (briefly), so enumeration cannot
 * hammer the database. Concurrent misses on one code wait for a single load: one query
 * per replica.
 * <p>
 * In-process entries live as long as Redis entries while this replica can rely on
 * invalidation messages (Redis available and the change channel subscribed). While it
 * cannot, an entry older than {@code local-ttl-degraded} is loaded again; once it can
 * again, every entry is dropped, since a message may have been missed meanwhile.
 * <p>
 * The bound is the entries' estimated heap, kept by admission: once it is reached, a
 * loaded entry answers the requests that waited for it and is not kept; room comes back
 * as entries expire or are dropped. Nothing is evicted to make room, so the cache keeps
 * no recency order.
 * <p>
 * Links and unknown codes live in two caches, each with one fixed life (expiry after
 * write), so that a hit writes nothing to the entry it reads. A life per entry
 * (Caffeine's variable expiry) would move the entry within a timer wheel on every hit:
 * writes to a few random old objects per redirect, spread over every entry of a
 * million-link cache, which G1 then has to find and scan at each collection.
 */
@Component
class ShortUrlResolver {

	private static final Logger log = LoggerFactory.getLogger(ShortUrlResolver.class);

	private final LinkService links;

	private final RedisLinkCache redis;

	/** Live links. */
	private final Cache<String, Entry> local;

	/** Codes with no live link. */
	private final Cache<String, Entry> unknown;

	/** Loads in progress, by code: later misses on the code wait for the first one's. */
	private final ConcurrentHashMap<String, CompletableFuture<Entry>> loading = new ConcurrentHashMap<>();

	/**
	 * Counts drops (one code or all): a load that sees it move did not start after the
	 * drop, and what it read may be older than the change, so it is not kept.
	 */
	private final AtomicLong drops = new AtomicLong();

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
		this.local = entries(properties.localTtl());
		this.unknown = entries(properties.negativeTtl());
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
	 * Expiry after write alone, no maximum: a hit reorders nothing and writes to no
	 * entry.
	 */
	private Cache<String, Entry> entries(Duration life) {
		return Caffeine.newBuilder()
			.expireAfterWrite(life)
			.removalListener((String code, Entry entry, RemovalCause cause) -> {
				if (entry != null) {
					this.keptBytes.addAndGet(-estimatedBytes(code, entry.target()));
				}
			})
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Heap an entry takes: about 240 bytes of objects (node, key, entry, target, strings)
	 * plus the characters of code and URL (measured with 8-character codes and
	 * 32-character URLs: 275).
	 */
	private static long estimatedBytes(String code, LinkTarget target) {
		return 240L + code.length() + ((target != null && target.canRedirect()) ? target.location().length() : 0);
	}

	private static Counter lookups(MeterRegistry registry, String layer) {
		return Counter.builder("kurz.redirect.lookups")
			.description("Redirect look-ups by the layer that answered")
			.tag("layer", layer)
			.register(registry);
	}

	Optional<LinkTarget> resolve(String code) {
		Entry entry = cached(code);
		if (entry != null) {
			this.localHits.increment();
		}
		else {
			entry = loadOnce(code);
		}
		return Optional.ofNullable(entry.target());
	}

	/** The entry kept for the code, unless it is too old to trust. */
	private Entry cached(String code) {
		Entry entry = this.local.getIfPresent(code);
		if (entry == null) {
			entry = this.unknown.getIfPresent(code);
		}
		if (entry != null && !this.trusted && System.nanoTime() - entry.loadedAt() > this.degradedNanos) {
			// Only this entry: a concurrent request may already have put a fresh one.
			cacheFor(entry).asMap().remove(code, entry);
			return null;
		}
		return entry;
	}

	/** Loads the code, or waits for the load of it already under way. */
	private Entry loadOnce(String code) {
		CompletableFuture<Entry> mine = new CompletableFuture<>();
		CompletableFuture<Entry> running = this.loading.putIfAbsent(code, mine);
		if (running != null) {
			return await(running);
		}
		try {
			// A load that finished just before this one registered has already kept its
			// entry.
			Entry entry = cached(code);
			if (entry != null) {
				this.localHits.increment();
			}
			else {
				entry = load(code);
			}
			mine.complete(entry);
			return entry;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(code, mine);
		}
	}

	private static Entry await(CompletableFuture<Entry> load) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return load.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					throw new IllegalStateException("Redirect look-up failed", ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private Cache<String, Entry> cacheFor(Entry entry) {
		return (entry.target() != null) ? this.local : this.unknown;
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
			// Messages sent while this replica could not hear them are lost: start
			// afresh.
			evictAllLocal();
		}
		this.trusted = now;
	}

	/**
	 * Drops this replica's copy; the next request reads through to Redis or PostgreSQL.
	 */
	void evictLocal(String code) {
		this.drops.incrementAndGet();
		this.local.invalidate(code);
		this.unknown.invalidate(code);
	}

	void evictAllLocal() {
		this.drops.incrementAndGet();
		this.local.invalidateAll();
		this.unknown.invalidateAll();
	}

	private Entry load(String code) {
		long dropsBefore = this.drops.get();
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
		Entry entry = new Entry(target.orElse(null), System.nanoTime());
		keepIfRoom(code, entry, dropsBefore);
		return entry;
	}

	/**
	 * Keeps the entry if there is room for it under the bound. Kept first, checked after:
	 * a drop that came while it loaded either finds it kept and removes it, or is seen
	 * here.
	 */
	private void keepIfRoom(String code, Entry entry, long dropsBefore) {
		long bytes = estimatedBytes(code, entry.target());
		if (this.keptBytes.addAndGet(bytes) > this.maxBytes) {
			this.keptBytes.addAndGet(-bytes);
			return;
		}
		Cache<String, Entry> cache = cacheFor(entry);
		// The removal listener gives the bytes back, also for an entry this one replaces.
		cache.put(code, entry);
		if (this.drops.get() != dropsBefore) {
			cache.asMap().remove(code, entry);
		}
	}

	/**
	 * A cached answer; a null target means "no live link with this code".
	 *
	 * @param loadedAt {@link System#nanoTime()} when it was loaded
	 */
	record Entry(LinkTarget target, long loadedAt) {

	}

}
