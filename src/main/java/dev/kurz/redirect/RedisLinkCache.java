package dev.kurz.redirect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.kurz.link.LinkTarget;
import dev.kurz.link.RedirectRules;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared layer of the redirect cache. Every call is guarded by a circuit breaker:
 * with Redis down, look-ups go straight to PostgreSQL and add no timeout per request.
 * Messages on the channel are {@code "<replica id> <code>"}; {@code "*"} stands for every
 * code.
 */
@Component
class RedisLinkCache {

	static final String KEY_PREFIX = "kurz:link:";

	static final String CHANNEL = "kurz:link-changes";

	/**
	 * Published instead of a code: every replica drops its whole local cache. Operators
	 * send it after flushing Redis ({@code PUBLISH kurz:link-changes '*'}, see
	 * RUNBOOK.md).
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
		this.breaker = CircuitBreaker.of("redirect-cache",
				breakerConfig(properties.breakerThreshold(), properties.breakerOpenFor()));
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.StateTransition transition = event.getStateTransition();
			if (transition.getFromState() == CircuitBreaker.State.CLOSED
					&& transition.getToState() == CircuitBreaker.State.OPEN) {
				log.warn("Redis unavailable: redirect cache bypasses it until it answers again");
				availabilityChanged(false);
			}
			else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
				log.info("Redis available again: redirect cache uses it");
				availabilityChanged(true);
			}
		});
		Gauge.builder("kurz.redirect.cache.redis.bypassed", this.breaker, (b) -> isBypassed(b) ? 1 : 0)
			.description("1 while the redirect cache bypasses Redis")
			.register(registry);
	}

	/**
	 * {@code threshold} failed calls in a row (a window of that many calls, all failed)
	 * open the breaker: Redis is skipped for {@code openFor}, then one trial call is let
	 * through, whose success closes the breaker and whose failure opens it for another
	 * period.
	 */
	static CircuitBreakerConfig breakerConfig(int threshold, Duration openFor) {
		return CircuitBreakerConfig.custom()
			.slidingWindow(threshold, threshold, SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(1)
			.build();
	}

	/**
	 * Open, or half-open with its one trial call under way: either way other calls skip
	 * Redis.
	 */
	private static boolean isBypassed(CircuitBreaker breaker) {
		return breaker.getState() != CircuitBreaker.State.CLOSED;
	}

	/**
	 * Told {@code false} when the breaker opens (Redis skipped) and {@code true} when it
	 * closes.
	 */
	void onAvailabilityChange(Consumer<Boolean> listener) {
		this.availabilityListeners.add(listener);
	}

	void availabilityChanged(boolean available) {
		this.availabilityListeners.forEach((listener) -> listener.accept(available));
	}

	/**
	 * Outer empty: not known to Redis (or Redis unavailable). Inner empty: known to be
	 * missing.
	 */
	Optional<Optional<LinkTarget>> get(String code) {
		return call(() -> Optional.ofNullable(this.redis.opsForValue().get(KEY_PREFIX + code))
			.map((value) -> decode(code, value)), Optional.empty());
	}

	void put(String code, Optional<LinkTarget> target) {
		run(() -> this.redis.opsForValue()
			.set(KEY_PREFIX + code, target.map(RedisLinkCache::encode).orElse(MISSING),
					target.isPresent() ? this.properties.redisTtl() : this.properties.negativeTtl()));
	}

	/**
	 * Removes the shared entry and tells the other replicas to drop their local copies.
	 * @return whether Redis took both commands
	 */
	boolean remove(String code) {
		return run(() -> {
			this.redis.delete(KEY_PREFIX + code);
			this.redis.convertAndSend(CHANNEL, this.instanceId + " " + code);
		});
	}

	/**
	 * Whether a message on the channel came from this replica (which already acted on
	 * it).
	 */
	boolean isOwn(String origin) {
		return this.instanceId.equals(origin);
	}

	/**
	 * While bypassed, tries Redis once per open period, so the breaker closes without
	 * traffic.
	 */
	void probe() {
		if (isBypassed(this.breaker)) {
			run(() -> this.redis.hasKey(KEY_PREFIX));
		}
	}

	/**
	 * Whether Redis took the commands: false when they failed or the breaker skipped
	 * them.
	 */
	private boolean run(Runnable commands) {
		return call(() -> {
			commands.run();
			return true;
		}, false);
	}

	/**
	 * The call's result, or {@code unavailable} when it failed or the breaker skipped it.
	 */
	private <T> T call(Supplier<T> call, T unavailable) {
		if (!this.breaker.tryAcquirePermission()) {
			return unavailable;
		}
		long start = this.breaker.getCurrentTimestamp();
		try {
			T result = call.get();
			this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
			return result;
		}
		catch (RuntimeException ex) {
			this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(), ex);
			failed(ex);
			return unavailable;
		}
	}

	private void failed(RuntimeException ex) {
		this.errors.increment();
		log.debug("Redis call failed", ex);
	}

	/**
	 * {@code "<id>\n<location>"} for a plain link; a link with rules adds the lines
	 * {@code expires_at}, {@code max_clicks}, {@code redirect_type},
	 * {@code forward_query} and {@code expired_url} (empty for null), last since it is
	 * the only free text.
	 */
	static String encode(LinkTarget target) {
		String head = target.id() + "\n" + (target.canRedirect() ? target.location() : "");
		RedirectRules rules = target.rules();
		if (rules.isPlain()) {
			return head;
		}
		return head + "\n" + ((rules.expiresAt() != null) ? rules.expiresAt() : "") + "\n"
				+ ((rules.maxClicks() != null) ? rules.maxClicks() : "") + "\n" + rules.redirectType() + "\n"
				+ (rules.forwardQuery() ? "1" : "0") + "\n" + ((rules.expiredUrl() != null) ? rules.expiredUrl() : "");
	}

	static Optional<LinkTarget> decode(String code, String value) {
		if (value.isEmpty()) {
			return Optional.empty();
		}
		String[] lines = value.split("\n", 7);
		long id = Long.parseLong(lines[0]);
		// The URI form of a URI form is itself; an entry written with a raw target gets
		// its URI form here.
		if (lines.length < 7) {
			return Optional.of(LinkTarget.of(id, code, value.substring(lines[0].length() + 1), RedirectRules.NONE));
		}
		RedirectRules rules = new RedirectRules(lines[2].isEmpty() ? null : Instant.parse(lines[2]),
				lines[6].isEmpty() ? null : lines[6], lines[3].isEmpty() ? null : Long.valueOf(lines[3]),
				Integer.parseInt(lines[4]), "1".equals(lines[5]));
		return Optional.of(LinkTarget.of(id, code, lines[1], rules));
	}

}
