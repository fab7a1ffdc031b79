package dev.kurz.link;

import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** The 422 rows for links: bad URLs, bad or reserved custom codes, wrongly typed fields. */
class LinkValidationTests extends HttpTest {

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "/relative/path", "ftp://example.com/file", "mailto:ada@example.com",
			"javascript:alert(1)", "http://", "https:///path", "http//example.com", "https://exa mple.com",
			"https://example.com/a b", "https://example.com/\ttab", "https://example.com/\nline",
			"https://example.com/\u0001", " https://example.com", "https://example.com/\u00a0", "" })
	void urlThatIsNotAnAbsoluteHttpUrlWithAHostIs422(String url) {
		long userId = Fixtures.id(Fixtures.user(this.api));

		assertInvalid(this.api.post("/shorten", Json.object("url", url)), "url");
		assertInvalid(this.api.post("/urls", Json.object("user_id", userId, "original_url", url)), "original_url");
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void urlOfAtMost2048CharactersIsAcceptedAndLongerIs422() {
		String prefix = "https://example.com/";
		String longest = prefix + "a".repeat(2048 - prefix.length());

		assertThat(this.api.post("/shorten", Json.object("url", longest)).status()).isEqualTo(201);
		assertInvalid(this.api.post("/shorten", Json.object("url", longest + "a")), "url");
	}

	@Test
	void updateWithABadUrlIs422AndKeepsTheTarget() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/keep"));

		assertInvalid(this.api.put("/urls/" + id, Json.object("original_url", "not a url")), "original_url");
		assertInvalid(this.api.put("/urls/" + id, Json.object("url", "ftp://example.com")), "original_url");
		assertThat(this.api.get("/urls/" + id).json().get("original_url").stringValue())
			.isEqualTo("https://example.com/keep");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "a", "abcdefghijklmnopqrstuvwxyz0123456", "has space", "bang!", "dot.ted",
			"slash/ed", "ümlaut", "" })
	void customCodeNotMatchingThePatternIs422(String code) {
		assertInvalid(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", code)),
				"short_code");
	}

	@Test
	void customCodeAtTheLengthBoundsIsAccepted() {
		String min = "a" + Fixtures.uniqueCode().substring(1, 3);
		String max = (Fixtures.uniqueCode() + Fixtures.uniqueCode() + "_-abcdefghijk").substring(0, 32);

		assertThat(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", min)).status())
			.isEqualTo(201);
		assertThat(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", max)).status())
			.isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "users", "urls", "events", "shorten", "health", "metrics", "actuator", "api", "docs",
			"static", "Users", "ADMIN" })
	void reservedPathAsCustomCodeIs422(String code) {
		long userId = Fixtures.id(Fixtures.user(this.api));

		assertInvalid(this.api.post("/shorten", Json.object("url", "https://example.com", "short_code", code)),
				"short_code");
		assertInvalid(this.api.post("/urls",
				Json.object("user_id", userId, "original_url", "https://example.com", "short_code", code)),
				"short_code");
	}

	@Test
	void faviconIsReservedAsWell() {
		assertInvalid(this.api.post("/shorten",
				Json.object("url", "https://example.com", "custom_code", "favicon.ico")), "short_code");
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "1.5", "\"5\"", "-3", "0", "[]", "{}", "\"\"" })
	void userIdThatIsNotAPositiveJsonIntegerIs422(String value) {
		Fixtures.user(this.api);

		assertInvalid(this.api.post("/urls", "{\"user_id\": " + value + ", \"original_url\": \"https://example.com\"}"),
				"user_id");
		assertInvalid(this.api.post("/shorten", "{\"user_id\": " + value + ", \"url\": \"https://example.com\"}"),
				"user_id");
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void userIdIsRequiredOnUrls() {
		assertInvalid(this.api.post("/urls", Json.object("original_url", "https://example.com")), "user_id");
		assertInvalid(this.api.post("/urls", Json.object("user_id", null, "original_url", "https://example.com")),
				"user_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "123", "true", "[]", "{}" })
	void stringFieldsOfAnotherJsonTypeAre422(String value) {
		long userId = Fixtures.id(Fixtures.user(this.api));

		assertInvalid(this.api.post("/urls", "{\"user_id\": " + userId + ", \"original_url\": " + value + "}"),
				"original_url");
		assertInvalid(this.api.post("/shorten", "{\"url\": " + value + "}"), "url");
		assertInvalid(this.api.post("/shorten", "{\"url\": \"https://example.com\", \"title\": " + value + "}"),
				"title");
		assertInvalid(this.api.post("/shorten", "{\"url\": \"https://example.com\", \"short_code\": " + value + "}"),
				"short_code");
	}

	@Test
	void nullUrlIs422() {
		assertInvalid(this.api.post("/shorten", "{\"url\": null}"), "url");
	}

	@Test
	void isActiveAcceptsBooleansAndTheirStrings() {
		long userId = Fixtures.id(Fixtures.user(this.api));

		var stringFalse = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/1", "is_active", "false"));
		var stringTrue = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/2", "is_active", "true"));
		var booleanFalse = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/3", "is_active", false));

		assertThat(stringFalse.get("is_active").booleanValue()).isFalse();
		assertThat(stringTrue.get("is_active").booleanValue()).isTrue();
		assertThat(booleanFalse.get("is_active").booleanValue()).isFalse();
		var updated = this.api.put("/urls/" + Fixtures.id(stringFalse), Json.object("is_active", "true"));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("is_active").booleanValue()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"yes\"", "\"TRUE\"", "1", "0", "[]", "{}" })
	void isActiveOfAnyOtherValueIs422(String value) {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com"));

		assertInvalid(this.api.post("/urls",
				"{\"user_id\": " + userId + ", \"original_url\": \"https://example.com\", \"is_active\": " + value + "}"),
				"is_active");
		assertInvalid(this.api.put("/urls/" + id, "{\"is_active\": " + value + "}"), "is_active");
	}

	@Test
	void nulCharacterInTitleIs422() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com"));

		assertInvalid(this.api.post("/shorten", Json.object("url", "https://example.com", "title", "a\0b")), "title");
		assertInvalid(this.api.put("/urls/" + id, Json.object("title", "\0")), "title");
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("1");
	}

	@Test
	void overlongTitleIs422() {
		assertInvalid(this.api.post("/shorten", Json.object("url", "https://example.com", "title", "t".repeat(501))),
				"title");
	}

}
