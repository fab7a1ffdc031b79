package dev.kurz.link;

import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.atLeastOnce;

/**
 * The 422 rows for links: bad URLs, bad or reserved custom codes, wrongly typed fields. A
 * refused request never reaches the link service, so nothing is stored or changed.
 */
class LinkValidationTests extends LinkControllerSlice {

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "/relative/path", "ftp://example.com/file", "mailto:ada@example.com",
			"javascript:alert(1)", "http://", "https:///path", "http//example.com", "https://exa mple.com",
			"https://example.com/a b", "https://example.com/\ttab", "https://example.com/\nline",
			"https://example.com/\u0001", " https://example.com", "https://example.com/\u00a0", "" })
	void urlThatIsNotAnAbsoluteHttpUrlWithAHostIs422(String url) {
		assertInvalid(post("/shorten", Json.object("url", url)), "url");
		assertInvalid(post("/urls", Json.object("user_id", 1, "original_url", url)), "original_url");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void urlOfAtMost2048CharactersIsAcceptedAndLongerIs422() {
		givenCreatedLinksEchoTheirRequest();
		String prefix = "https://example.com/";
		String longest = prefix + "a".repeat(2048 - prefix.length());

		assertThat(post("/shorten", Json.object("url", longest))).hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().originalUrl()).isEqualTo(longest);
		assertInvalid(post("/shorten", Json.object("url", longest + "a")), "url");
		then(this.links).shouldHaveNoMoreInteractions();
	}

	@Test
	void updateWithABadUrlIs422AndChangesNothing() {
		assertInvalid(put("/urls/7", Json.object("original_url", "not a url")), "original_url");
		assertInvalid(put("/urls/7", Json.object("url", "ftp://example.com")), "original_url");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "a", "abcdefghijklmnopqrstuvwxyz0123456", "has space", "bang!", "dot.ted",
			"slash/ed", "ümlaut", "" })
	void customCodeNotMatchingThePatternIs422(String code) {
		assertInvalid(post("/shorten", Json.object("url", "https://example.com", "short_code", code)), "short_code");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void customCodeAtTheLengthBoundsIsAccepted() {
		givenCreatedLinksEchoTheirRequest();

		assertThat(post("/shorten", Json.object("url", "https://example.com", "short_code", "ab_")))
			.hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().customCode()).isEqualTo(new ShortCode("ab_"));
		assertThat(post("/shorten", Json.object("url", "https://example.com", "short_code", "a".repeat(31) + "-")))
			.hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().customCode()).isEqualTo(new ShortCode("a".repeat(31) + "-"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "users", "urls", "events", "shorten", "health", "metrics", "actuator", "api", "docs",
			"static", "Users", "ADMIN" })
	void reservedPathAsCustomCodeIs422(String code) {
		assertInvalid(post("/shorten", Json.object("url", "https://example.com", "short_code", code)), "short_code");
		assertInvalid(
				post("/urls", Json.object("user_id", 1, "original_url", "https://example.com", "short_code", code)),
				"short_code");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void faviconIsReservedAsWell() {
		assertInvalid(post("/shorten", Json.object("url", "https://example.com", "custom_code", "favicon.ico")),
				"short_code");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "1.5", "\"5\"", "-3", "0", "[]", "{}", "\"\"" })
	void userIdThatIsNotAPositiveJsonIntegerIs422(String value) {
		assertInvalid(post("/urls", "{\"user_id\": " + value + ", \"original_url\": \"https://example.com\"}"),
				"user_id");
		assertInvalid(post("/shorten", "{\"user_id\": " + value + ", \"url\": \"https://example.com\"}"), "user_id");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void userIdIsRequiredOnUrls() {
		assertInvalid(post("/urls", Json.object("original_url", "https://example.com")), "user_id");
		assertInvalid(post("/urls", Json.object("user_id", null, "original_url", "https://example.com")), "user_id");
		then(this.links).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "123", "true", "[]", "{}" })
	void stringFieldsOfAnotherJsonTypeAre422(String value) {
		assertInvalid(post("/urls", "{\"user_id\": 1, \"original_url\": " + value + "}"), "original_url");
		assertInvalid(post("/shorten", "{\"url\": " + value + "}"), "url");
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"title\": " + value + "}"), "title");
		assertInvalid(post("/shorten", "{\"url\": \"https://example.com\", \"short_code\": " + value + "}"),
				"short_code");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void nullUrlIs422() {
		assertInvalid(post("/shorten", "{\"url\": null}"), "url");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void isActiveAcceptsBooleansAndTheirStrings() {
		givenCreatedLinksEchoTheirRequest();
		given(this.links.update(anyLong(), any())).willReturn(link(7, "https://example.com/1", true));

		assertThat(
				post("/urls", Json.object("user_id", 1, "original_url", "https://example.com/1", "is_active", "false")))
			.hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().active()).isFalse();
		assertThat(
				post("/urls", Json.object("user_id", 1, "original_url", "https://example.com/2", "is_active", "true")))
			.hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().active()).isTrue();
		assertThat(
				post("/urls", Json.object("user_id", 1, "original_url", "https://example.com/3", "is_active", false)))
			.hasStatus(HttpStatus.CREATED);
		assertThat(createdRequest().active()).isFalse();
		assertThat(put("/urls/7", Json.object("is_active", "true"))).hasStatus(HttpStatus.OK);
		ArgumentCaptor<UpdateLinkRequest> update = ArgumentCaptor.forClass(UpdateLinkRequest.class);
		then(this.links).should().update(eq(7L), update.capture());
		assertThat(update.getValue().active()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"yes\"", "\"TRUE\"", "1", "0", "[]", "{}" })
	void isActiveOfAnyOtherValueIs422(String value) {
		assertInvalid(
				post("/urls",
						"{\"user_id\": 1, \"original_url\": \"https://example.com\", \"is_active\": " + value + "}"),
				"is_active");
		assertInvalid(put("/urls/7", "{\"is_active\": " + value + "}"), "is_active");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void nulCharacterInTitleIs422() {
		assertInvalid(post("/shorten", Json.object("url", "https://example.com", "title", "a\0b")), "title");
		assertInvalid(put("/urls/7", Json.object("title", "\0")), "title");
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void overlongTitleIs422() {
		assertInvalid(post("/shorten", Json.object("url", "https://example.com", "title", "t".repeat(501))), "title");
		then(this.links).shouldHaveNoInteractions();
	}

	/** The service creates what it is asked to, so that the controller can answer 201. */
	private void givenCreatedLinksEchoTheirRequest() {
		given(this.links.create(any(), any())).willAnswer((invocation) -> {
			CreateLinkRequest request = invocation.getArgument(0);
			return link(1, request.originalUrl(), request.active());
		});
	}

	/** The request of the latest create the service was asked for. */
	private CreateLinkRequest createdRequest() {
		ArgumentCaptor<CreateLinkRequest> request = ArgumentCaptor.forClass(CreateLinkRequest.class);
		then(this.links).should(atLeastOnce()).create(request.capture(), any());
		return request.getValue();
	}

}
