package dev.kurz.redirect;

import java.time.Instant;

import dev.kurz.link.LinkTarget;
import dev.kurz.link.RedirectRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The form links take in Redis, read back by every replica. */
class RedisLinkCacheCodecTests {

	@Test
	void aPlainLinkIsItsIdAndLocationAndReadsBackWithoutRules() {
		LinkTarget plain = LinkTarget.of(7, "abc", "https://example.com/%E6%97%A5", RedirectRules.NONE);

		String stored = RedisLinkCache.encode(plain);

		assertThat(stored).isEqualTo("7\nhttps://example.com/%E6%97%A5");
		assertThat(RedisLinkCache.decode("abc", stored)).contains(plain);
	}

	@Test
	void aLinkWithRulesReadsBackWithEveryRule() {
		RedirectRules rules = new RedirectRules(Instant.parse("2031-05-01T10:15:30.123456Z"),
				"https://example.com/over?a=1", 50L, 308, true);
		LinkTarget ruled = LinkTarget.of(8, "xyz", "https://example.com/t?b=2", rules);
		RedirectRules partial = new RedirectRules(null, null, null, 301, false);
		LinkTarget permanent = LinkTarget.of(9, "per", "https://example.com/p", partial);

		assertThat(RedisLinkCache.decode("xyz", RedisLinkCache.encode(ruled))).contains(ruled);
		assertThat(RedisLinkCache.decode("per", RedisLinkCache.encode(permanent))).contains(permanent);
	}

	@Test
	void anEmptyEntryIsAKnownMissingCode() {
		assertThat(RedisLinkCache.decode("gone", "")).isEmpty();
	}

}
