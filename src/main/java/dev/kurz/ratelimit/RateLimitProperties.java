package dev.kurz.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client request limits.
 *
 * @param enabled whether requests are limited at all
 * @param requestsPerMinute API requests of one client per minute (writes included; never
 * redirects or probes), shared by every replica through Redis
 * @param writesPerMinute POST, PUT, PATCH and DELETE requests of one client per minute,
 * shared by every replica through Redis
 * @param redirectsPerMinute redirects ({@code GET} or {@code HEAD /<code>}) from one
 * client address per minute, counted by each replica on its own
 * @param redisTimeout longest wait for Redis on one request before the local fallback
 * answers
 * @param keyPrefix prefix of the counter keys in Redis
 */
@ConfigurationProperties("kurz.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200") long requestsPerMinute,
		@DefaultValue("30") long writesPerMinute, @DefaultValue("6000") long redirectsPerMinute,
		@DefaultValue("200ms") Duration redisTimeout, @DefaultValue("kurz:rl:") String keyPrefix) {

}
