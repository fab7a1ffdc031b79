package dev.kurz.redirect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** The redirect cache's circuit breaker against a Redis that fails on demand. */
class RedisLinkCacheBreakerTests {

	private static final RedisConnectionFailureException DOWN = new RedisConnectionFailureException("down");

	private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

	@SuppressWarnings("unchecked")
	private final ValueOperations<String, String> values = mock(ValueOperations.class);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final List<Boolean> availability = new CopyOnWriteArrayList<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(RedisLinkCache.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Level configuredLevel = this.logger.getLevel();

	RedisLinkCacheBreakerTests() {
		given(this.redis.opsForValue()).willReturn(this.values);
		this.log.start();
		this.logger.addAppender(this.log);
		this.logger.setLevel(Level.INFO);
	}

	@AfterEach
	void detachLog() {
		this.logger.detachAppender(this.log);
		this.logger.setLevel(this.configuredLevel);
	}

	private RedisLinkCache cache(Duration openFor) {
		RedisLinkCache cache = new RedisLinkCache(this.redis, new RedirectCacheProperties(Duration.ofSeconds(300),
				Duration.ofSeconds(900), Duration.ofSeconds(60), Duration.ofSeconds(5), null, 40, 3, openFor),
				this.registry);
		cache.onAvailabilityChange(this.availability::add);
		return cache;
	}

	private double bypassed() {
		return this.registry.get("kurz.redirect.cache.redis.bypassed").gauge().value();
	}

	private List<String> lines(Level level) {
		return this.log.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Test
	void threeFailuresInARowSkipRedisAndAreReportedOnce() {
		RedisLinkCache cache = cache(Duration.ofMinutes(1));
		given(this.values.get(anyString())).willThrow(DOWN);

		for (int i = 0; i < 10; i++) {
			assertThat(cache.get("code" + i)).isEmpty();
		}

		verify(this.values, times(3)).get(anyString());
		assertThat(cache.remove("code1")).isFalse();
		assertThat(bypassed()).isEqualTo(1);
		assertThat(this.availability).containsExactly(false);
		assertThat(lines(Level.WARN))
			.containsExactly("Redis unavailable: redirect cache bypasses it until it answers again");
		assertThat(this.registry.get("kurz.redirect.cache.redis.errors").counter().count()).isEqualTo(3);
	}

	@Test
	void aSuccessInBetweenStartsTheCountAgain() {
		RedisLinkCache cache = cache(Duration.ofMinutes(1));
		given(this.values.get(anyString())).willThrow(DOWN, DOWN)
			.willReturn(null)
			.willThrow(DOWN, DOWN)
			.willReturn(null);

		for (int i = 0; i < 6; i++) {
			cache.get("code");
		}

		verify(this.values, times(6)).get(anyString());
		assertThat(bypassed()).isZero();
		assertThat(this.availability).isEmpty();
	}

	@Test
	void probeAfterTheOpenPeriodClosesTheBreakerOnceRedisAnswers() throws InterruptedException {
		RedisLinkCache cache = cache(Duration.ofMillis(50));
		given(this.values.get(anyString())).willThrow(DOWN);
		for (int i = 0; i < 3; i++) {
			cache.get("code");
		}
		assertThat(bypassed()).isEqualTo(1);

		willReturn(true).given(this.redis).hasKey(anyString());
		Thread.sleep(100);
		cache.probe();

		verify(this.redis).hasKey(RedisLinkCache.KEY_PREFIX);
		assertThat(bypassed()).isZero();
		assertThat(this.availability).containsExactly(false, true);
		assertThat(lines(Level.INFO)).containsExactly("Redis available again: redirect cache uses it");
		cache.probe();
		verify(this.redis, times(1)).hasKey(anyString());
	}

	@Test
	void openPeriodEndsInOneTrialWhoseFailureOpensAnotherPeriod() {
		MutableClock clock = new MutableClock();
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.from(RedisLinkCache.breakerConfig(3, Duration.ofSeconds(5))).clock(clock).build());
		for (int i = 0; i < 3; i++) {
			assertThat(breaker.tryAcquirePermission()).isTrue();
			breaker.onError(1, TimeUnit.MILLISECONDS, DOWN);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		clock.advance(Duration.ofSeconds(4));
		assertThat(breaker.tryAcquirePermission()).isFalse();

		clock.advance(Duration.ofSeconds(2));
		assertThat(breaker.tryAcquirePermission()).as("the trial").isTrue();
		assertThat(breaker.tryAcquirePermission()).as("a second call during the trial").isFalse();
		breaker.onError(1, TimeUnit.MILLISECONDS, DOWN);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		clock.advance(Duration.ofSeconds(4));
		assertThat(breaker.tryAcquirePermission()).isFalse();

		clock.advance(Duration.ofSeconds(2));
		assertThat(breaker.tryAcquirePermission()).isTrue();
		breaker.onSuccess(1, TimeUnit.MILLISECONDS);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
