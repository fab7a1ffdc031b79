package dev.kurz.ratelimit;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kurz.support.TestRedis;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucket4j's compare-and-swap through {@link RememberingRedisApi}, against a real Redis:
 * the read is spared when this replica wrote last, and a stale memory never lets a bucket
 * give more than it holds.
 */
class RememberingRedisApiTests {

	private RedisClient client;

	private StatefulRedisConnection<String, byte[]> first;

	private StatefulRedisConnection<String, byte[]> second;

	private final String key = "test:remembering:" + UUID.randomUUID();

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(TestRedis.url());
		this.first = this.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		this.second = this.client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
	}

	@AfterEach
	void close() {
		this.first.sync().del(this.key);
		this.first.close();
		this.second.close();
		this.client.shutdown();
	}

	/** A replica's view of the bucket, counting the GETs it sends to Redis. */
	private static Bucket replica(StatefulRedisConnection<String, byte[]> connection, String key, AtomicInteger gets) {
		RedisAsyncCommands<String, byte[]> real = connection.async();
		@SuppressWarnings("unchecked")
		RedisAsyncCommands<String, byte[]> counting = (RedisAsyncCommands<String, byte[]>) Proxy.newProxyInstance(
				RememberingRedisApiTests.class.getClassLoader(), new Class<?>[] { RedisAsyncCommands.class },
				(proxy, method, args) -> {
					if (method.getName().equals("get")) {
						gets.incrementAndGet();
					}
					return method.invoke(real, args);
				});
		ProxyManager<String> manager = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(
				new RememberingRedisApi<>(counting))
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
		return manager.builder().build(key, () -> Limit.configuration(10));
	}

	@Test
	void aReplicaThatWroteTheBucketLastDecidesWithoutReadingIt() {
		AtomicInteger gets = new AtomicInteger();
		Bucket bucket = replica(this.first, this.key, gets);
		assertThat(bucket.tryConsume(1)).isTrue();
		int readsToCreate = gets.get();

		for (int i = 2; i <= 6; i++) {
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			assertThat(probe.isConsumed()).isTrue();
			assertThat(probe.getRemainingTokens()).isEqualTo(10 - i);
		}

		assertThat(readsToCreate).isPositive();
		assertThat(gets).as("no read after the bucket was created").hasValue(readsToCreate);
	}

	@Test
	void replicasTakingTurnsOnOneBucketGiveExactlyItsCapacity() {
		AtomicInteger firstGets = new AtomicInteger();
		AtomicInteger secondGets = new AtomicInteger();
		Bucket one = replica(this.first, this.key, firstGets);
		Bucket two = replica(this.second, this.key, secondGets);

		int allowed = 0;
		long lastRemaining = 10;
		for (int i = 0; i < 20; i++) {
			ConsumptionProbe probe = ((i % 2 == 0) ? one : two).tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				allowed++;
				assertThat(probe.getRemainingTokens()).isEqualTo(lastRemaining - 1);
				lastRemaining = probe.getRemainingTokens();
			}
		}

		assertThat(allowed).isEqualTo(10);
	}

	@Test
	void aRefusalIsCheckedWithRedisSoABucketThatVanishedStartsAfresh() {
		String prefix = "test:remembering:" + UUID.randomUUID() + ":";
		LettuceConnectionFactory factory = TestRedis.connectionFactory();
		RateLimiter limiter = new RateLimiter(new RateLimitProperties(true, 10, 3, Duration.ofSeconds(3), prefix),
				factory, new SimpleMeterRegistry());
		try {
			for (int i = 1; i <= 10; i++) {
				assertThat(limiter.consume("client", Limit.ALL).allowed()).as("request %d", i).isTrue();
			}
			assertThat(limiter.consume("client", Limit.ALL).allowed()).isFalse();

			// As after a Redis restart: the bucket is gone, so the client's window starts
			// again.
			this.first.sync().del(prefix + "all:client");

			Decision decision = limiter.consume("client", Limit.ALL);
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).isEqualTo(9);
			assertThat(limiter.isLocalFallback()).isFalse();
		}
		finally {
			this.first.sync().del(prefix + "all:client");
			limiter.destroy();
			factory.destroy();
		}
	}

}
