package dev.kurz.link;

import java.time.Instant;

import dev.kurz.link.RedirectRules.Answer;
import dev.kurz.link.RedirectRules.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedirectRulesTests {

	private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

	@Test
	void aLinkWithoutRulesIsPlainNeverExpiresAndIsNotCapped() {
		assertThat(RedirectRules.NONE.isPlain()).isTrue();
		assertThat(RedirectRules.NONE.isExpiredAt(Instant.MAX)).isFalse();
		assertThat(RedirectRules.NONE.isCapped()).isFalse();
		assertThat(RedirectRules.NONE.admits(Long.MAX_VALUE)).isTrue();
		assertThat(RedirectRules.NONE.redirect("https://example.com/", "a=1"))
			.isEqualTo(new Answer(302, "https://example.com/", null));
	}

	@Test
	void aLinkExpiresAtItsInstantAndNotBefore() {
		RedirectRules rules = new RedirectRules(EXPIRY, null, null, 302, false);

		assertThat(rules.isPlain()).isFalse();
		assertThat(rules.isExpiredAt(EXPIRY.minusNanos(1000))).isFalse();
		assertThat(rules.isExpiredAt(EXPIRY)).isTrue();
		assertThat(rules.isExpiredAt(EXPIRY.plusSeconds(1))).isTrue();
	}

	@Test
	void aCapAdmitsExactlyMaxClicksClicks() {
		RedirectRules rules = new RedirectRules(null, null, 50L, 302, false);

		assertThat(rules.isCapped()).isTrue();
		assertThat(rules.admits(1)).isTrue();
		assertThat(rules.admits(50)).isTrue();
		assertThat(rules.admits(51)).isFalse();
	}

	@Test
	void aRefusalIs404WithoutAnExpiredUrlAndA302ToItWithOne() {
		Answer notFound = new RedirectRules(EXPIRY, null, null, 301, false).refusal(Refusal.EXPIRED);
		Answer elsewhere = new RedirectRules(EXPIRY, "https://example.com/gone?ü=1", 5L, 308, false)
			.refusal(Refusal.EXHAUSTED);

		assertThat(notFound).isEqualTo(new Answer(404, null, Refusal.EXPIRED));
		assertThat(notFound.isRedirect()).isFalse();
		assertThat(elsewhere).isEqualTo(new Answer(302, "https://example.com/gone?%C3%BC=1", Refusal.EXHAUSTED));
		assertThat(elsewhere.isRedirect()).isTrue();
		assertThat(Refusal.EXPIRED.reason()).isEqualTo("has expired");
		assertThat(Refusal.EXHAUSTED.reason()).isEqualTo("has reached its click limit");
	}

	@Test
	void aRedirectUsesTheLinksStatusAndForwardsTheQueryOnlyWhenAsked() {
		RedirectRules forwarding = new RedirectRules(null, null, null, 307, true);
		RedirectRules ignoring = new RedirectRules(null, null, null, 308, false);

		assertThat(forwarding.redirect("https://example.com/?a=1", "a=2&b=3"))
			.isEqualTo(new Answer(307, "https://example.com/?a=1&b=3", null));
		assertThat(ignoring.redirect("https://example.com/?a=1", "a=2&b=3"))
			.isEqualTo(new Answer(308, "https://example.com/?a=1", null));
	}

	@Test
	void refusesAnUnknownRedirectTypeAndANonPositiveCap() {
		assertThatThrownBy(() -> new RedirectRules(null, null, null, 303, false))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RedirectRules(null, null, 0L, 302, false))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
