package dev.kurz.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets per client and limit. They live in Redis, so all replicas draw from the
 * same buckets; Bucket4j's batching merges concurrent requests of one client into one
 * Redis round trip, {@link RememberingRedisApi} spares the read of a bucket this replica
 * wrote last, and for limits of thousands a minute a replica leases a share of the bucket
 * at a time ({@link LeasedBucket}). When Redis fails or is slow, a circuit breaker moves
 * this replica to local in-memory buckets with the same limits (each replica then limits
 * on its own) until Redis answers again.
 */
@Component
class RateLimiter implements DisposableBean {

	/** Failed Redis calls in a row that move this replica to local buckets. */
	static final int BREAKER_THRESHOLD = 3;

	/** How long local buckets answer before one request tries Redis again. */
	static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final RateLimitProperties properties;

	private final RedisConnectionFactory connectionFactory;

	private final BucketConfiguration allConfiguration;

	private final BucketConfiguration writesConfiguration;

	/**
	 * Bumped into Redis when the configured limits change, so old buckets take the new
	 * limits.
	 */
	private final long configurationVersion;

	private final CircuitBreaker breaker;

	private final AtomicInteger fallback = new AtomicInteger();

	private final Counter leases;

	private final Cache<String, LeasedBucket> redisBuckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(2))
		.executor(Runnable::run)
		.build();

	private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(2))
		.executor(Runnable::run)
		.build();

	private volatile StatefulRedisConnection<String, byte[]> connection;

	private volatile ProxyManager<String> proxyManager;

	private volatile RememberingRedisApi<String> remembering;

	RateLimiter(RateLimitProperties properties, RedisConnectionFactory connectionFactory, MeterRegistry registry) {
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.allConfiguration = Limit.configuration(properties.requestsPerMinute());
		this.writesConfiguration = Limit.configuration(properties.writesPerMinute());
		this.configurationVersion = Integer
			.toUnsignedLong(Objects.hash("fixed-window", properties.requestsPerMinute(), properties.writesPerMinute()));
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
		this.leases = Counter.builder("kurz.ratelimit.leases")
			.description("Leases of tokens taken from Redis for limits large enough to lease")
			.register(registry);
	}

	Decision consume(String client, Limit limit) {
		long capacity = capacity(limit);
		if (this.breaker.tryAcquirePermission()) {
			long start = this.breaker.getCurrentTimestamp();
			try {
				String key = key(client, limit);
				LeasedBucket leased = redisBucket(key, limit);
				LeasedBucket.Grant grant = leased.spend(System.nanoTime());
				if (grant != null) {
					// A leased token tells nothing about Redis (a lease taken just now
					// reported itself
					// in leased()): the permission goes back, or a half-open trial would
					// wait for ever.
					this.breaker.releasePermission();
					return new Decision(limit, true, grant.remaining(), capacity, 0, grant.nanosToReset());
				}
				Bucket bucket = leased.shared();
				ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
				if (!probe.isConsumed()) {
					// A refusal is never decided from remembered state: ask Redis itself.
					this.remembering.forget(key);
					probe = bucket.tryConsumeAndReturnRemaining(1);
				}
				this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
				return decision(limit, capacity, probe);
			}
			catch (RuntimeException ex) {
				log.debug("Rate-limit call to Redis failed", ex);
				this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(), ex);
			}
		}
		Bucket local = this.localBuckets.get(limit.name() + ":" + client,
				(key) -> Bucket.builder().addLimit(configuration(limit).getBandwidths()[0]).build());
		return decision(limit, capacity, local.tryConsumeAndReturnRemaining(1));
	}

	boolean isLocalFallback() {
		return this.fallback.get() == 1;
	}

	private String key(String client, Limit limit) {
		return this.properties.keyPrefix() + limit.policyName() + ":" + client;
	}

	private LeasedBucket redisBucket(String key, Limit limit) {
		return this.redisBuckets.get(key,
				(k) -> new LeasedBucket(proxyManager().builder()
					.withOptimization(Optimizations.batching())
					.withImplicitConfigurationReplacement(this.configurationVersion,
							TokensInheritanceStrategy.PROPORTIONALLY)
					.build(k, () -> configuration(limit)), capacity(limit), this::leased));
	}

	/** A lease came from Redis: the only Redis call a leased request makes. */
	private void leased() {
		this.leases.increment();
		this.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
	}

	private ProxyManager<String> proxyManager() {
		ProxyManager<String> manager = this.proxyManager;
		if (manager == null) {
			synchronized (this) {
				if (this.proxyManager == null) {
					RedisClient client = (RedisClient) ((LettuceConnectionFactory) this.connectionFactory)
						.getNativeClient();
					this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
					this.remembering = new RememberingRedisApi<>(this.connection.async());
					this.proxyManager = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(this.remembering)
						.requestTimeout(this.properties.redisTimeout())
						.expirationAfterWrite(ExpirationAfterWriteStrategy
							.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
						.build();
				}
				manager = this.proxyManager;
			}
		}
		return manager;
	}

	private BucketConfiguration configuration(Limit limit) {
		return (limit == Limit.ALL) ? this.allConfiguration : this.writesConfiguration;
	}

	private long capacity(Limit limit) {
		return (limit == Limit.ALL) ? this.properties.requestsPerMinute() : this.properties.writesPerMinute();
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
		StatefulRedisConnection<String, byte[]> open = this.connection;
		if (open != null) {
			open.close();
		}
	}

}
