package dev.kurz.redirect;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy.FixedExpiration;
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
 * the layers it missed.
 * <p>
 * The in-process cache is two Caffeine caches, {@link #live} links and {@link #unknown}
 * codes (kept only {@code negative-ttl}, so that guessed codes neither reach the database
 * each time nor fill the cache). A miss puts the future of its load into {@link #live};
 * concurrent misses on the code wait for it, so a replica sends one query per code.
 * Dropping a code removes that future too: a load that a change overtook answers the
 * requests that waited for it but is not kept.
 * <p>
 * Each cache has one fixed life (expiry after write) and no maximum, so a hit writes
 * nothing: a per-entry life or a size-based eviction would reorder entries on every hit,
 * writes to random old objects that G1 must then scan, spread over a million entries. The
 * bound is therefore kept by admission: a load that would pass the entries' estimated
 * heap answers its requests and is not kept.
 * <p>
 * While invalidation messages may not reach this replica (Redis unavailable or the change
 * channel not subscribed), both lives are cut to {@code local-ttl-degraded}; once they
 * can again, every entry is dropped, since a message may have been missed meanwhile.
 */
@Component
class ShortUrlResolver {

	private static final Logger log = LoggerFactory.getLogger(ShortUrlResolver.class);

	private final LinkService links;

	private final RedisLinkCache redis;

	/**
	 * Live links, and every load in progress (completed with null for an unknown code).
	 */
	private final AsyncCache<String, LinkTarget> live;

	/** Codes with no live link. */
	private final Cache<String, Boolean> unknown;

	private final FixedExpiration<String, LinkTarget> liveLife;

	private final FixedExpiration<String, Boolean> unknownLife;

	private final RedirectCacheProperties properties;

	private final long maxBytes;

	/** Estimated heap of the entries kept. */
	private final AtomicLong keptBytes = new AtomicLong();

	private final Counter localHits;

	private final Counter redisHits;

	private final Counter databaseLoads;

	private volatile boolean subscribed;

	private volatile boolean redisAvailable = true;

	/** Both of the above: invalidation messages reach this replica. */
	private volatile boolean trusted;

	ShortUrlResolver(LinkService links, RedisLinkCache redis, RedirectCacheProperties properties,
			MeterRegistry registry) {
		this.links = links;
		this.redis = redis;
		this.properties = properties;
		this.maxBytes = properties.localMaxBytes();
		this.live = Caffeine.newBuilder()
			.expireAfterWrite(properties.localTtl())
			.executor(Runnable::run)
			.removalListener((String code, LinkTarget target, RemovalCause cause) -> released(code, target))
			.buildAsync();
		this.unknown = Caffeine.newBuilder()
			.expireAfterWrite(properties.negativeTtl())
			.executor(Runnable::run)
			.removalListener((String code, Boolean missing, RemovalCause cause) -> released(code, null))
			.build();
		this.liveLife = this.live.synchronous().policy().expireAfterWrite().orElseThrow();
		this.unknownLife = this.unknown.policy().expireAfterWrite().orElseThrow();
		shortenLives();
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

	private static Counter lookups(MeterRegistry registry, String layer) {
		return Counter.builder("kurz.redirect.lookups")
			.description("Redirect look-ups by the layer that answered")
			.tag("layer", layer)
			.register(registry);
	}

	/**
	 * Heap an entry takes: about 240 bytes of objects (node, key, future, target,
	 * strings) plus the characters of code and URL (measured with 8-character codes and
	 * 32-character URLs: 275), and the rules of a link that has any.
	 */
	private static long estimatedBytes(String code, LinkTarget target) {
		if (target == null) {
			return 240L + code.length();
		}
		long bytes = 240L + code.length() + (target.canRedirect() ? target.location().length() : 0);
		// A link with rules holds one more object, with its own fields and expired_url.
		return target.rules().isPlain() ? bytes
				: bytes + 80 + ((target.rules().expiredUrl() != null) ? target.rules().expiredUrl().length() : 0);
	}

	private void released(String code, LinkTarget target) {
		this.keptBytes.addAndGet(-estimatedBytes(code, target));
	}

	Optional<LinkTarget> resolve(String code) {
		CompletableFuture<LinkTarget> kept = this.live.getIfPresent(code);
		if (kept != null) {
			if (kept.isDone()) {
				this.localHits.increment();
			}
			return Optional.ofNullable(join(kept));
		}
		if (this.unknown.getIfPresent(code) != null) {
			this.localHits.increment();
			return Optional.empty();
		}
		return Optional.ofNullable(load(code));
	}

	/** Loads the code, or waits for the load of it already under way. */
	private LinkTarget load(String code) {
		CompletableFuture<LinkTarget> mine = new CompletableFuture<>();
		CompletableFuture<LinkTarget> running = this.live.asMap().putIfAbsent(code, mine);
		if (running != null) {
			return join(running);
		}
		try {
			LinkTarget target = read(code);
			if (target == null) {
				keepUnknown(code, mine);
			}
			else if (this.keptBytes.addAndGet(estimatedBytes(code, target)) > this.maxBytes) {
				// The removal listener gives the bytes back once the load completes.
				this.live.asMap().remove(code, mine);
			}
			// Kept unless removed meanwhile (a drop, or no room); null leaves by itself.
			mine.complete(target);
			return target;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	private LinkTarget read(String code) {
		Optional<Optional<LinkTarget>> cached = this.redis.get(code);
		if (cached.isPresent()) {
			this.redisHits.increment();
			return cached.get().orElse(null);
		}
		this.databaseLoads.increment();
		Optional<LinkTarget> target = this.links.findRedirectTarget(code);
		this.redis.put(code, target);
		return target.orElse(null);
	}

	/**
	 * Kept first, checked after: a drop that came while the code loaded either finds the
	 * entry kept and removes it, or has already removed the load's future.
	 */
	private void keepUnknown(String code, CompletableFuture<LinkTarget> load) {
		long bytes = estimatedBytes(code, null);
		if (this.keptBytes.addAndGet(bytes) > this.maxBytes) {
			this.keptBytes.addAndGet(-bytes);
			return;
		}
		Boolean entry = Boolean.TRUE;
		this.unknown.put(code, entry);
		if (this.live.asMap().get(code) != load) {
			this.unknown.asMap().remove(code, entry);
		}
	}

	private static LinkTarget join(CompletableFuture<LinkTarget> load) {
		try {
			return load.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
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
		if (now == this.trusted) {
			return;
		}
		this.trusted = now;
		if (now) {
			// Messages sent while this replica could not hear them are lost: start
			// afresh.
			evictAllLocal();
			this.liveLife.setExpiresAfter(this.properties.localTtl());
			this.unknownLife.setExpiresAfter(this.properties.negativeTtl());
		}
		else {
			shortenLives();
		}
	}

	private void shortenLives() {
		Duration degraded = this.properties.localTtlDegraded();
		this.liveLife.setExpiresAfter(min(degraded, this.properties.localTtl()));
		this.unknownLife.setExpiresAfter(min(degraded, this.properties.negativeTtl()));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	/**
	 * Drops this replica's copy; the next request reads through to Redis or PostgreSQL.
	 */
	void evictLocal(String code) {
		this.live.synchronous().invalidate(code);
		this.unknown.invalidate(code);
	}

	void evictAllLocal() {
		this.live.synchronous().invalidateAll();
		this.unknown.invalidateAll();
	}

}
