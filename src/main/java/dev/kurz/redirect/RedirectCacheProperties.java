package dev.kurz.redirect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redirect lookup caches.
 *
 * @param redisTtl life of a link entry in Redis
 * @param localTtl life of an entry in each replica's in-process cache; bounds staleness when an
 * invalidation message is lost (Redis down)
 * @param negativeTtl life of an "unknown code" entry in both layers
 * @param localMaxEntries bound of the in-process cache
 * @param breakerThreshold consecutive Redis failures that open the circuit breaker
 * @param breakerOpenFor how long Redis is skipped once the breaker opens
 */
@ConfigurationProperties("kurz.redirect.cache")
record RedirectCacheProperties(@DefaultValue("300s") Duration redisTtl, @DefaultValue("60s") Duration localTtl,
		@DefaultValue("5s") Duration negativeTtl, @DefaultValue("100000") long localMaxEntries,
		@DefaultValue("3") int breakerThreshold, @DefaultValue("5s") Duration breakerOpenFor) {

}
