package dev.kurz.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://example.com", "https://example.com/path?q=1&r=2#frag", "HTTPS://EXAMPLE.COM",
			"http://localhost:8080/x", "https://192.168.0.1/", "https://sub.example.co.uk/a%20b",
			"https://user:pw@example.com/" })
	void absoluteHttpUrlsWithAHostAreAccepted(String url) {
		assertThat(UrlRules.problemWith(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "/path", "//example.com/x", "ftp://example.com", "file:///etc/passwd",
			"javascript:alert(1)", "data:text/html,hi", "mailto:a@example.com", "http://", "http:///path",
			"https:example.com", "http://exa mple.com", "http://example.com/\t", "http://example.com/\n",
			"http://example.com/\r", "http://example.com/\u0000", "http://example.com/\u007f",
			"http://example.com/\u00a0", "http://example.com/\u2028", "http://[bad" })
	void anythingElseIsRejected(String url) {
		assertThat(UrlRules.problemWith(url)).isNotNull();
	}

	@Test
	void emptyUrlIsRejected() {
		assertThat(UrlRules.problemWith("")).isEqualTo("must not be empty");
	}

	@Test
	void lengthIsLimitedTo2048() {
		String prefix = "https://example.com/";
		String longest = prefix + "a".repeat(UrlRules.MAX_LENGTH - prefix.length());

		assertThat(longest).hasSize(2048);
		assertThat(UrlRules.problemWith(longest)).isNull();
		assertThat(UrlRules.problemWith(longest + "a")).contains("2048");
	}

}
