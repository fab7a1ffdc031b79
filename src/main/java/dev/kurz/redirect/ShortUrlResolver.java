package dev.kurz.redirect;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.kurz.link.LinkService;
import dev.kurz.link.LinkTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Finds where a short code points: in-process cache, then Redis, then PostgreSQL, filling the
 * layers it missed. Unknown codes are cached too (briefly), so enumeration cannot hammer the
 * database. Concurrent misses on one code wait for a single load: one query per replica.
 */
@Component
class ShortUrlResolver {

	private final LinkService links;

	private final RedisLinkCache redis;

	private final Cache<String, Entry> local;

	private final Counter localHits;

	private final Counter redisHits;

	private final Counter databaseLoads;

	ShortUrlResolver(LinkService links, RedisLinkCache redis, RedirectCacheProperties properties,
			MeterRegistry registry) {
		this.links = links;
		this.redis = redis;
		this.local = Caffeine.newBuilder()
			.maximumSize(properties.localMaxEntries())
			.expireAfter(Expiry.<String, Entry>creating((code, entry) -> (entry.target() != null)
					? properties.localTtl() : properties.negativeTtl()))
			.build();
		this.localHits = lookups(registry, "local");
		this.redisHits = lookups(registry, "redis");
		this.databaseLoads = lookups(registry, "database");
	}

	private static Counter lookups(MeterRegistry registry, String layer) {
		return Counter.builder("kurz.redirect.lookups")
			.description("Redirect look-ups by the layer that answered")
			.tag("layer", layer)
			.register(registry);
	}

	Optional<LinkTarget> resolve(String code) {
		Entry entry = this.local.getIfPresent(code);
		if (entry != null) {
			this.localHits.increment();
		}
		else {
			entry = this.local.get(code, this::load);
		}
		return Optional.ofNullable(entry.target());
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
			return new Entry(cached.get().orElse(null));
		}
		this.databaseLoads.increment();
		Optional<LinkTarget> target = this.links.findRedirectTarget(code);
		this.redis.put(code, target);
		return new Entry(target.orElse(null));
	}

	/** A cached answer; a null target means "no live link with this code". */
	record Entry(LinkTarget target) {

	}

}
