package dev.kurz.redirect;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.kurz.link.LinkTarget;
import dev.kurz.shared.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The shared layer of the redirect cache. Every call is guarded by a circuit breaker: with Redis
 * down, look-ups go straight to PostgreSQL and add no timeout per request. An invalidation that
 * could not reach Redis is kept and retried, so a link change is never forgotten by the cache.
 */
@Component
class RedisLinkCache {

	static final String KEY_PREFIX = "kurz:link:";

	static final String CHANNEL = "kurz:link-changes";

	/** Stored for codes that name no live link. */
	private static final String MISSING = "";

	private static final long SECOND_ROUND_DELAY_MS = 1000;

	private static final Logger log = LoggerFactory.getLogger(RedisLinkCache.class);

	private final StringRedisTemplate redis;

	private final RedirectCacheProperties properties;

	private final CircuitBreaker breaker;

	private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();

	/** Codes to invalidate once more, with the time (epoch millis) when it is due. */
	private final Map<String, Long> secondRound = new ConcurrentHashMap<>();

	private final Counter errors;

	RedisLinkCache(StringRedisTemplate redis, RedirectCacheProperties properties, MeterRegistry registry) {
		this.redis = redis;
		this.properties = properties;
		this.errors = Counter.builder("kurz.redirect.cache.redis.errors")
			.description("Redis calls of the redirect cache that failed")
			.register(registry);
		this.breaker = new CircuitBreaker(properties.breakerThreshold(), properties.breakerOpenFor(), (open) -> {
			if (open) {
				log.warn("Redis unavailable: redirect cache bypasses it until it answers again");
			}
			else {
				log.info("Redis available again: redirect cache uses it");
			}
		});
		Gauge.builder("kurz.redirect.cache.redis.bypassed", this.breaker, (b) -> b.isOpen() ? 1 : 0)
			.description("1 while the redirect cache bypasses Redis")
			.register(registry);
	}

	/** Outer empty: not known to Redis (or Redis unavailable). Inner empty: known to be missing. */
	Optional<Optional<LinkTarget>> get(String code) {
		if (!this.breaker.allowsCall()) {
			return Optional.empty();
		}
		try {
			String value = this.redis.opsForValue().get(KEY_PREFIX + code);
			this.breaker.recordSuccess();
			return (value == null) ? Optional.empty() : Optional.of(decode(code, value));
		}
		catch (RuntimeException ex) {
			failed(ex);
			return Optional.empty();
		}
	}

	void put(String code, Optional<LinkTarget> target) {
		if (!this.breaker.allowsCall() || this.pendingInvalidations.contains(code)) {
			return;
		}
		try {
			this.redis.opsForValue()
				.set(KEY_PREFIX + code, target.map(RedisLinkCache::encode).orElse(MISSING),
						target.isPresent() ? this.properties.redisTtl() : this.properties.negativeTtl());
			this.breaker.recordSuccess();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	/**
	 * Removes the shared entry and tells every replica to drop its local copy. It is done again a
	 * second later: a replica that read the old row just before the commit may have written it
	 * back into Redis after the first removal.
	 */
	void invalidate(String code) {
		this.secondRound.put(code, System.currentTimeMillis() + SECOND_ROUND_DELAY_MS);
		remove(code);
	}

	private void remove(String code) {
		try {
			this.redis.delete(KEY_PREFIX + code);
			this.redis.convertAndSend(CHANNEL, code);
			this.pendingInvalidations.remove(code);
			this.breaker.recordSuccess();
		}
		catch (RuntimeException ex) {
			this.pendingInvalidations.add(code);
			failed(ex);
		}
	}

	@Scheduled(fixedDelay = 250)
	void retryPendingInvalidations() {
		for (String code : this.pendingInvalidations) {
			if (!this.breaker.allowsCall()) {
				return;
			}
			remove(code);
		}
		long now = System.currentTimeMillis();
		this.secondRound.forEach((code, due) -> {
			if (due <= now && this.secondRound.remove(code, due)) {
				remove(code);
			}
		});
	}

	boolean isBypassed() {
		return this.breaker.isOpen();
	}

	private void failed(RuntimeException ex) {
		this.errors.increment();
		this.breaker.recordFailure();
		log.debug("Redis call failed", ex);
	}

	private static String encode(LinkTarget target) {
		return target.id() + "\n" + target.originalUrl();
	}

	private static Optional<LinkTarget> decode(String code, String value) {
		if (value.isEmpty()) {
			return Optional.empty();
		}
		int split = value.indexOf('\n');
		return Optional.of(new LinkTarget(Long.parseLong(value, 0, split, 10), code, value.substring(split + 1)));
	}

}
