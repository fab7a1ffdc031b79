package dev.kurz.redirect;

import org.springframework.stereotype.Component;

/**
 * Operator action: empty the redirect cache on every replica without touching rate-limit
 * buckets.
 */
@Component
public class RedirectCacheAdmin {

	private final LinkCacheInvalidation invalidation;

	RedirectCacheAdmin(LinkCacheInvalidation invalidation) {
		this.invalidation = invalidation;
	}

	/**
	 * @return whether Redis was reached (local copies are dropped either way)
	 */
	public boolean flushAll() {
		return this.invalidation.flushAll();
	}

}
