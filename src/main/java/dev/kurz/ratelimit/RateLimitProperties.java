package dev.kurz.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client request limits, shared by every replica through Redis.
 *
 * @param enabled whether requests are limited at all
 * @param requestsPerMinute all requests of one client per minute (writes included)
 * @param writesPerMinute POST, PUT, PATCH and DELETE requests of one client per minute
 * @param redisTimeout longest wait for Redis on one request before the local fallback
 * answers
 * @param keyPrefix prefix of the bucket keys in Redis
 */
@ConfigurationProperties("kurz.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200") long requestsPerMinute,
		@DefaultValue("30") long writesPerMinute, @DefaultValue("200ms") Duration redisTimeout,
		@DefaultValue("kurz:rl:") String keyPrefix) {

}
