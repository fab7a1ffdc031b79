package dev.kurz.redirect;

import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Test access to the redirect cache from outside its package. */
public final class RedirectCaches {

	private RedirectCaches() {
	}

	/**
	 * Empties the redirect cache of the test's replica: the Redis entries, then its local
	 * copies.
	 */
	public static void flushAll(ApplicationContext context, StringRedisTemplate redis) {
		try {
			Set<String> keys = redis.keys(RedisLinkCache.KEY_PREFIX + "*");
			if (!keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		catch (DataAccessException ex) {
			// Redis unreachable: as in production, the local copies are dropped
			// regardless.
		}
		context.getBean(ShortUrlResolver.class).evictAllLocal();
	}

}
