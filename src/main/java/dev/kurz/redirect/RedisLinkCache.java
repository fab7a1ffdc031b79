package dev.kurz.redirect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.kurz.link.LinkTarget;
import dev.kurz.shared.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared layer of the redirect cache. Every call is guarded by a circuit breaker: with Redis
 * down, look-ups go straight to PostgreSQL and add no timeout per request. Messages on the
 * channel are {@code "<replica id> <code>"}; {@code "*"} stands for every code.
 */
@Component
class RedisLinkCache {

	static final String KEY_PREFIX = "kurz:link:";

	static final String CHANNEL = "kurz:link-changes";

	/**
	 * Published instead of a code: every replica drops its whole local cache. Operators send it
	 * after flushing Redis ({@code PUBLISH kurz:link-changes '*'}, see RUNBOOK.md).
	 */
	static final String EVERYTHING = "*";

	/** Stored for codes that name no live link. */
	private static final String MISSING = "";

	private static final Logger log = LoggerFactory.getLogger(RedisLinkCache.class);

	private final StringRedisTemplate redis;

	private final RedirectCacheProperties properties;

	private final CircuitBreaker breaker;

	/** Tells this replica's invalidation messages apart from the others'. */
	private final String instanceId = UUID.randomUUID().toString();

	private final Counter errors;

	private final List<Consumer<Boolean>> availabilityListeners = new CopyOnWriteArrayList<>();

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
			availabilityChanged(!open);
		});
		Gauge.builder("kurz.redirect.cache.redis.bypassed", this.breaker, (b) -> b.isOpen() ? 1 : 0)
			.description("1 while the redirect cache bypasses Redis")
			.register(registry);
	}

	/** Told {@code false} when the breaker opens (Redis skipped) and {@code true} when it closes. */
	void onAvailabilityChange(Consumer<Boolean> listener) {
		this.availabilityListeners.add(listener);
	}

	void availabilityChanged(boolean available) {
		this.availabilityListeners.forEach((listener) -> listener.accept(available));
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
		if (!this.breaker.allowsCall()) {
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
	 * Removes the shared entry and tells the other replicas to drop their local copies.
	 * @return whether Redis took both commands
	 */
	boolean remove(String code) {
		if (!this.breaker.allowsCall()) {
			return false;
		}
		try {
			this.redis.delete(KEY_PREFIX + code);
			this.redis.convertAndSend(CHANNEL, this.instanceId + " " + code);
			this.breaker.recordSuccess();
			return true;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return false;
		}
	}

	/** Removes every link entry (never the rate-limit buckets that share the server). */
	boolean removeAll() {
		try {
			try (var keys = this.redis.scan(ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())) {
				List<String> batch = new ArrayList<>();
				keys.forEachRemaining((key) -> {
					batch.add(key);
					if (batch.size() == 1000) {
						this.redis.delete(batch);
						batch.clear();
					}
				});
				if (!batch.isEmpty()) {
					this.redis.delete(batch);
				}
			}
			this.redis.convertAndSend(CHANNEL, this.instanceId + " " + EVERYTHING);
			return true;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return false;
		}
	}

	/** Whether a message on the channel came from this replica (which already acted on it). */
	boolean isOwn(String origin) {
		return this.instanceId.equals(origin);
	}

	/** While bypassed, tries Redis once per open period, so the breaker closes without traffic. */
	void probe() {
		if (!this.breaker.isOpen() || !this.breaker.allowsCall()) {
			return;
		}
		try {
			this.redis.hasKey(KEY_PREFIX);
			this.breaker.recordSuccess();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void failed(RuntimeException ex) {
		this.errors.increment();
		this.breaker.recordFailure();
		log.debug("Redis call failed", ex);
	}

	private static String encode(LinkTarget target) {
		return target.id() + "\n" + (target.canRedirect() ? target.location() : "");
	}

	private static Optional<LinkTarget> decode(String code, String value) {
		if (value.isEmpty()) {
			return Optional.empty();
		}
		int split = value.indexOf('\n');
		// The URI form of a URI form is itself; an entry written with a raw target gets its URI form here.
		return Optional.of(LinkTarget.of(Long.parseLong(value, 0, split, 10), code, value.substring(split + 1)));
	}

}
