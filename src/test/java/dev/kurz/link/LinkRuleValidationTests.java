package dev.kurz.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The 422 rows for the redirect rule fields, on create and update: a refused request
 * never reaches the link service. What is accepted reaches it as sent.
 */
class LinkRuleValidationTests extends LinkControllerSlice {

	@ParameterizedTest
	@ValueSource(strings = { "\"2020-01-01T00:00:00Z\"", "\"2030-01-01\"", "\"2030-01-01T00:00:00\"", "\"tomorrow\"",
			"\"\"", "1893456000", "true", "{}", "\"+10000-01-01T00:00:00Z\"" })
	void expiresAtThatIsNotAFutureIsoInstantIs422(String value) {
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"expires_at\": " + value + "}"),
				"expires_at");
		assertInvalid(
				post("/urls", "{\"user_id\": 1, \"url\": \"https://example.com\", \"expires_at\": " + value + "}"),
				"expires_at");
		assertInvalid(put("/urls/7", "{\"expires_at\": " + value + "}"), "expires_at");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"example.com\"", "\"ftp://example.com\"", "\"http://127.0.0.1/\"",
			"\"https://user@example.com/\"", "\"\"", "5" })
	void expiredUrlIsValidatedLikeEveryTarget(String value) {
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"expired_url\": " + value + "}"),
				"expired_url");
		assertInvalid(put("/urls/7", "{\"expired_url\": " + value + "}"), "expired_url");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1.5", "\"5\"", "true", "[]", "99999999999999999999" })
	void maxClicksThatIsNotAPositiveIntegerIs422(String value) {
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"max_clicks\": " + value + "}"),
				"max_clicks");
		assertInvalid(put("/urls/7", "{\"max_clicks\": " + value + "}"), "max_clicks");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "300", "303", "200", "0", "\"301\"", "301.0", "4294967597", "true" })
	void redirectTypeOutside301302307308Is422(String value) {
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"redirect_type\": " + value + "}"),
				"redirect_type");
		assertInvalid(put("/urls/7", "{\"redirect_type\": " + value + "}"), "redirect_type");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "\"yes\"", "{}" })
	void forwardQueryThatIsNotABooleanIs422(String value) {
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"forward_query\": " + value + "}"),
				"forward_query");
		assertInvalid(put("/urls/7", "{\"forward_query\": " + value + "}"), "forward_query");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void everyBadRuleFieldIsNamedInOneAnswer() {
		MvcTestResult result = post("/shorten",
				Json.object("url", "https://example.com", "expires_at", "2000-01-01T00:00:00Z", "max_clicks", 0,
						"redirect_type", 303, "forward_query", "maybe", "expired_url", "nope"));

		assertInvalid(result, "expires_at");
		assertInvalid(result, "max_clicks");
		assertInvalid(result, "redirect_type");
		assertInvalid(result, "forward_query");
		assertInvalid(result, "expired_url");
	}

	@Test
	void createPassesTheRulesOnWithAnOffsetInstantInUtcToTheMicrosecond() {
		given(this.links.create(any(), any())).willReturn(link());
		Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
		String withOffset = expiry.atOffset(java.time.ZoneOffset.ofHours(2)).toString();

		assertThat(post("/shorten",
				Json.object("url", "https://example.com", "expires_at", withOffset, "expired_url",
						"https://example.com/over", "max_clicks", 50, "redirect_type", 308, "forward_query", true)))
			.hasStatus(HttpStatus.CREATED);

		ArgumentCaptor<CreateLinkRequest> request = ArgumentCaptor.forClass(CreateLinkRequest.class);
		then(this.links).should().create(request.capture(), any());
		assertThat(request.getValue().rules()).isEqualTo(
				new RedirectRules(expiry.truncatedTo(ChronoUnit.MICROS), "https://example.com/over", 50L, 308, true));
	}

	@Test
	void createWithoutRulesOrWithNullsTakesTheDefaults() {
		given(this.links.create(any(), any())).willReturn(link());

		post("/urls", Json.object("user_id", 1, "url", "https://example.com"));
		post("/urls", Json.object("user_id", 1, "url", "https://example.com", "expires_at", null, "expired_url", null,
				"max_clicks", null, "redirect_type", null, "forward_query", null));

		ArgumentCaptor<CreateLinkRequest> request = ArgumentCaptor.forClass(CreateLinkRequest.class);
		then(this.links).should(org.mockito.Mockito.times(2)).create(request.capture(), any());
		assertThat(request.getAllValues()).extracting(CreateLinkRequest::rules).containsOnly(RedirectRules.NONE);
	}

	@Test
	void updateTellsLeftOutFieldsFromNulls() {
		given(this.links.update(anyLong(), any())).willReturn(link());

		put("/urls/7", Json.object("max_clicks", null, "forward_query", "true"));

		ArgumentCaptor<UpdateLinkRequest> request = ArgumentCaptor.forClass(UpdateLinkRequest.class);
		then(this.links).should().update(eq(7L), request.capture());
		RuleFields rules = request.getValue().rules();
		assertThat(rules.has(RuleFields.MAX_CLICKS)).isTrue();
		assertThat(rules.maxClicks()).isNull();
		assertThat(rules.has(RuleFields.FORWARD_QUERY)).isTrue();
		assertThat(rules.forwardQuery()).isTrue();
		assertThat(rules.has(RuleFields.EXPIRES_AT)).isFalse();
		assertThat(rules.has(RuleFields.EXPIRED_URL)).isFalse();
		assertThat(rules.has(RuleFields.REDIRECT_TYPE)).isFalse();
	}

	private static UrlResponse link() {
		return link(1, "https://example.com", true);
	}

}
