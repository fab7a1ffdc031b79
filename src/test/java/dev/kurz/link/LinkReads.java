package dev.kurz.link;

import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Test access to the cache of single link reads from outside its package. */
public final class LinkReads {

	private LinkReads() {
	}

	/** Removes every cached link read: ids start again from 1 after a table reset. */
	public static void flushAll(StringRedisTemplate redis) {
		try {
			Set<String> keys = redis.keys(LinkReadCache.KEY_PREFIX + "*");
			if (!keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		catch (DataAccessException ex) {
			// Redis unreachable: nothing can be read from it either.
		}
	}

}
