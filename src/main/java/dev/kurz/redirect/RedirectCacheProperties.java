package dev.kurz.redirect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Redirect lookup caches.
 *
 * @param redisTtl life of a link entry in Redis
 * @param localTtl life of an entry in each replica's in-process cache while invalidation
 * messages reach it (Redis up, channel subscribed); changes reach it through those, so
 * the life only bounds a message lost unnoticed, and how often every link in use is
 * loaded again
 * @param localTtlDegraded while they may not (Redis unavailable or channel not
 * subscribed), entries older than this are loaded again; this bounds how long a change
 * can go unseen
 * @param negativeTtl life of an "unknown code" entry in both layers
 * @param localMaxMemory bound of the in-process cache, in the estimated heap its entries
 * take (zero: no in-process cache); unset, a share of the maximum heap
 * @param localMaxHeapPercent that share, in percent of the maximum heap (0 to 90), when
 * no bound is set
 * @param breakerThreshold consecutive Redis failures that open the circuit breaker
 * @param breakerOpenFor how long Redis is skipped once the breaker opens
 */
@ConfigurationProperties("kurz.redirect.cache")
record RedirectCacheProperties(@DefaultValue("300s") Duration redisTtl, @DefaultValue("900s") Duration localTtl,
		@DefaultValue("60s") Duration localTtlDegraded, @DefaultValue("5s") Duration negativeTtl,
		DataSize localMaxMemory, @DefaultValue("40") int localMaxHeapPercent, @DefaultValue("3") int breakerThreshold,
		@DefaultValue("5s") Duration breakerOpenFor) {

	RedirectCacheProperties {
		// Beyond 90% the cache would leave the rest of the replica no heap to work in.
		if (localMaxHeapPercent < 0 || localMaxHeapPercent > 90) {
			throw new IllegalArgumentException(
					"kurz.redirect.cache.local-max-heap-percent must be 0 to 90, not " + localMaxHeapPercent);
		}
	}

	/**
	 * The in-process cache's bound in bytes: the one set, or the share of this JVM's
	 * maximum heap.
	 */
	long localMaxBytes() {
		return (this.localMaxMemory != null) ? this.localMaxMemory.toBytes()
				: Runtime.getRuntime().maxMemory() / 100 * this.localMaxHeapPercent;
	}

}
