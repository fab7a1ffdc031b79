package dev.kurz.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Decides each request against its limits. The API and write limits are counters in Redis
 * shared by all replicas, checked and counted by one script call per request
 * ({@link SharedWindows}). When Redis fails or is slow, a circuit breaker moves this
 * replica to Bucket4j buckets in memory with the same limits (each replica then limits on
 * its own) until Redis answers again. Redirects are limited per address by Bucket4j
 * buckets in this replica's memory only: they never wait for Redis.
 */
@Component
class RateLimiter implements DisposableBean {

	/** Failed Redis calls in a row that move this replica to local buckets. */
	static final int BREAKER_THRESHOLD = 3;

	/** How long local buckets answer before one request tries Redis again. */
	static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(5);

	/** Clients (or addresses) whose buckets one replica keeps in memory, per cache. */
	private static final int LOCAL_CLIENTS = 100_000;

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final RateLimitProperties properties;

	private final RedisConnectionFactory connectionFactory;

	private final CircuitBreaker breaker;

	private final AtomicInteger fallback = new AtomicInteger();

	private final Cache<String, Bucket> localBuckets = localCache();

	private final Cache<String, Bucket> redirectBuckets = localCache();

	private volatile SharedWindows shared;

	RateLimiter(RateLimitProperties properties, RedisConnectionFactory connectionFactory, MeterRegistry registry) {
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.breaker = CircuitBreaker.of("rate-limit",
				CircuitBreakerConfig.custom()
					.slidingWindow(BREAKER_THRESHOLD, BREAKER_THRESHOLD, SlidingWindowType.COUNT_BASED)
					.failureRateThreshold(100)
					.waitDurationInOpenState(BREAKER_OPEN_FOR)
					.permittedNumberOfCallsInHalfOpenState(1)
					.build());
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.StateTransition transition = event.getStateTransition();
			if (transition.getFromState() == CircuitBreaker.State.CLOSED
					&& transition.getToState() == CircuitBreaker.State.OPEN) {
				switched(true);
			}
			else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
				switched(false);
			}
		});
		Gauge.builder("kurz.ratelimit.fallback", this.fallback, AtomicInteger::get)
			.description("1 while this replica limits with local buckets because Redis is unavailable")
			.register(registry);
	}

	private static Cache<String, Bucket> localCache() {
		return Caffeine.newBuilder()
			.maximumSize(LOCAL_CLIENTS)
			.expireAfterAccess(Limit.WINDOW.multipliedBy(2))
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Takes {@code tokens} from the client's API limit and, for a write, from its write
	 * limit too: from both, or when either is spent from neither.
	 * @return the refusing limit's decision, or when allowed the one closest to empty
	 */
	Decision consume(String client, boolean write, long tokens) {
		return decide(client, write, tokens, null, null);
	}

	/**
	 * One API read, as {@link #consume(String, boolean, long)}, reading {@code readKey}
	 * in the same Redis call when the read is allowed: {@code found} is given its value,
	 * or {@code ""} when it has none. When the limits are decided without Redis,
	 * {@code found} is not called.
	 */
	Decision read(String client, String readKey, Consumer<String> found) {
		return decide(client, false, 1, readKey, found);
	}

	private Decision decide(String client, boolean write, long tokens, String readKey, Consumer<String> found) {
		if (this.breaker.tryAcquirePermission()) {
			long start = this.breaker.getCurrentTimestamp();
			try {
				Decision decision = consumeShared(client, write, tokens, readKey, found);
				this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
				return decision;
			}
			catch (RuntimeException ex) {
				log.debug("Rate-limit call to Redis failed", ex);
				this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(), ex);
			}
		}
		return consumeLocal(client, write, tokens);
	}

	/** One redirect from {@code address}, counted in this replica's memory. */
	Decision redirect(String address) {
		long capacity = this.properties.redirectsPerMinute();
		Bucket bucket = this.redirectBuckets.get(address,
				(key) -> Bucket.builder().addLimit(Limit.bandwidth(capacity)).build());
		return decision(Limit.REDIRECTS, capacity, bucket.tryConsumeAndReturnRemaining(1));
	}

	boolean isLocalFallback() {
		return this.fallback.get() == 1;
	}

	private Decision consumeShared(String client, boolean write, long tokens, String readKey, Consumer<String> found) {
		SharedWindows windows = sharedWindows();
		long api = this.properties.requestsPerMinute();
		String apiKey = key(client, Limit.API);
		if (!write) {
			String[] keys = (readKey != null) ? new String[] { apiKey, readKey } : new String[] { apiKey };
			List<Object> answer = windows.take(keys, tokens, api);
			if (readKey != null && answer.size() > 3) {
				found.accept((String) answer.get(3));
			}
			return shared(Limit.API, api, answer, 1, tokens);
		}
		long writes = this.properties.writesPerMinute();
		List<Object> answer = windows.take(new String[] { key(client, Limit.WRITES), apiKey }, tokens, writes, api);
		Decision writeDecision = shared(Limit.WRITES, writes, answer, 1, tokens);
		Decision apiDecision = shared(Limit.API, api, answer, 2, tokens);
		if (!writeDecision.allowed() || !apiDecision.allowed()) {
			return writeDecision.allowed() ? apiDecision : writeDecision;
		}
		return tightest(writeDecision, apiDecision);
	}

	/** The decision for the {@code index}th counter (from 1) of a script answer. */
	private static Decision shared(Limit limit, long capacity, List<Object> answer, int index, long tokens) {
		long refused = (Long) answer.get(0);
		long used = (Long) answer.get(2 * index - 1);
		long nanosToReset = TimeUnit.MILLISECONDS.toNanos((Long) answer.get(2 * index));
		if (refused == index) {
			return new Decision(limit, false, Math.max(0, capacity - (used - tokens)), capacity, nanosToReset,
					nanosToReset);
		}
		// Allowed, or refused by the other counter (then this one was not counted).
		long counted = (refused == 0) ? used : used - tokens;
		return new Decision(limit, refused == 0, Math.max(0, capacity - counted), capacity, 0, nanosToReset);
	}

	private Decision consumeLocal(String client, boolean write, long tokens) {
		long api = this.properties.requestsPerMinute();
		Bucket apiBucket = localBucket(client, Limit.API, api);
		if (!write) {
			return decision(Limit.API, api, apiBucket.tryConsumeAndReturnRemaining(tokens));
		}
		long writes = this.properties.writesPerMinute();
		Bucket writeBucket = localBucket(client, Limit.WRITES, writes);
		Decision writeDecision = decision(Limit.WRITES, writes, writeBucket.tryConsumeAndReturnRemaining(tokens));
		if (!writeDecision.allowed()) {
			return writeDecision;
		}
		Decision apiDecision = decision(Limit.API, api, apiBucket.tryConsumeAndReturnRemaining(tokens));
		if (!apiDecision.allowed()) {
			writeBucket.addTokens(tokens);
			return apiDecision;
		}
		return tightest(writeDecision, apiDecision);
	}

	private Bucket localBucket(String client, Limit limit, long capacity) {
		return this.localBuckets.get(limit.policyName() + ":" + client,
				(key) -> Bucket.builder().addLimit(Limit.bandwidth(capacity)).build());
	}

	/** The allowed decision with the smaller share of its capacity left. */
	private static Decision tightest(Decision writes, Decision api) {
		return (writes.remaining() * api.capacity() < api.remaining() * writes.capacity()) ? writes : api;
	}

	/**
	 * The counter of one limit of one client. The client is in braces, a Redis Cluster
	 * hash tag: all counters of one client are in one slot, as one script call needs.
	 */
	private String key(String client, Limit limit) {
		return this.properties.keyPrefix() + "{" + client + "}:" + limit.policyName();
	}

	private SharedWindows sharedWindows() {
		SharedWindows windows = this.shared;
		if (windows == null) {
			synchronized (this) {
				if (this.shared == null) {
					RedisClient client = (RedisClient) ((LettuceConnectionFactory) this.connectionFactory)
						.getNativeClient();
					this.shared = new SharedWindows(client, this.properties.redisTimeout());
				}
				windows = this.shared;
			}
		}
		return windows;
	}

	private static Decision decision(Limit limit, long capacity, ConsumptionProbe probe) {
		return new Decision(limit, probe.isConsumed(), probe.getRemainingTokens(), capacity,
				probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset());
	}

	private void switched(boolean open) {
		this.fallback.set(open ? 1 : 0);
		if (open) {
			log.warn("Redis unavailable: rate limits fall back to local buckets on this replica");
		}
		else {
			log.info("Redis available again: rate limits are shared across replicas again");
		}
	}

	@Override
	public void destroy() {
		SharedWindows windows = this.shared;
		if (windows != null) {
			windows.close();
		}
	}

}
