package dev.kurz.link;

import java.time.Instant;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class ShortenApiTests extends HttpTest {

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@Test
	void shortenReturns201WithAGeneratedCodeAndTheShortUrl() {
		Api.Response response = this.api.post("/shorten", Json.object("url", "https://example.com/a?b=c"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode link = response.json();
		assertThat(link.propertyNames()).containsExactlyInAnyOrder("id", "short_code", "short_url", "original_url",
				"title", "is_active", "user_id", "created_at", "updated_at", "expires_at", "expired_url", "max_clicks",
				"redirect_type", "forward_query");
		String code = link.get("short_code").stringValue();
		assertThat(code).matches("[A-Za-z0-9]{6}");
		assertThat(link.get("short_url").stringValue()).isEqualTo(this.api.base() + "/" + code);
		assertThat(link.get("original_url").stringValue()).isEqualTo("https://example.com/a?b=c");
		assertThat(link.get("title").isNull()).isTrue();
		assertThat(link.get("is_active").booleanValue()).isTrue();
		assertThat(link.get("user_id").isNull()).isTrue();
		assertThat(Instant.parse(link.get("created_at").stringValue())).isNotNull();
		assertThat(link.get("updated_at").stringValue()).isEqualTo(link.get("created_at").stringValue());
		assertThat(response.header("Location")).endsWith("/urls/" + link.get("id").longValue());
		assertThat(this.api.get("/urls/" + link.get("id").longValue()).status()).isEqualTo(200);
	}

	@Test
	void shortUrlFollowsTheHostAndSchemeForwardedByATrustedProxy() {
		Api.Response response = this.api.send("POST", "/shorten", Json.object("url", "https://example.com/f"), Map
			.of("Content-Type", "application/json", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "kurz.example"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("short_url").stringValue())
			.isEqualTo("https://kurz.example/" + response.json().get("short_code").stringValue());
	}

	@Test
	void shortenAcceptsACustomCodeTitleAndUser() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String code = Fixtures.uniqueCode();

		Api.Response response = this.api.post("/shorten", Json.object("url", "https://example.com/custom", "short_code",
				code, "title", "Launch", "user_id", userId));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("short_code").stringValue()).isEqualTo(code);
		assertThat(response.json().get("short_url").stringValue()).endsWith("/" + code);
		assertThat(response.json().get("title").stringValue()).isEqualTo("Launch");
		assertThat(response.json().get("user_id").longValue()).isEqualTo(userId);
	}

	@Test
	void shortenAcceptsCustomCodeAndOriginalUrlAsOtherNames() {
		String code = Fixtures.uniqueCode();

		Api.Response response = this.api.post("/shorten",
				Json.object("original_url", "https://example.com/alias", "custom_code", code));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("short_code").stringValue()).isEqualTo(code);
		assertThat(response.json().get("original_url").stringValue()).isEqualTo("https://example.com/alias");
	}

	@Test
	void generatedCodesAreDistinct() {
		String first = this.api.post("/shorten", Json.object("url", "https://example.com/same"))
			.json()
			.get("short_code")
			.stringValue();
		String second = this.api.post("/shorten", Json.object("url", "https://example.com/same"))
			.json()
			.get("short_code")
			.stringValue();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void unknownUserOnShortenIs422() {
		assertInvalid(this.api.post("/shorten", Json.object("url", "https://example.com", "user_id", 999)), "user_id");
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void missingUrlIs422() {
		assertInvalid(this.api.post("/shorten", "{}"), "url");
		assertInvalid(this.api.post("/shorten", Json.object("short_code", Fixtures.uniqueCode())), "url");
	}

	@Test
	void takenCustomCodeIs409OnBothCreateEndpoints() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String code = Fixtures.uniqueCode();
		assertThat(this.api.post("/shorten", Json.object("url", "https://example.com/1", "short_code", code)).status())
			.isEqualTo(201);

		assertProblem(this.api.post("/shorten", Json.object("url", "https://example.com/2", "short_code", code)), 409);
		assertProblem(
				this.api.post("/urls",
						Json.object("user_id", userId, "original_url", "https://example.com/3", "short_code", code)),
				409);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("1");
	}

	@Test
	void customCodesAreCaseSensitive() {
		String code = Fixtures.uniqueCode();
		assertThat(
				this.api.post("/shorten", Json.object("url", "https://example.com/lower", "short_code", code)).status())
			.isEqualTo(201);

		Api.Response upper = this.api.post("/shorten",
				Json.object("url", "https://example.com/upper", "short_code", code.toUpperCase()));

		assertThat(upper.status()).as(upper.body()).isEqualTo(201);
		assertThat(this.api.get("/" + code).header("Location")).isEqualTo("https://example.com/lower");
		assertThat(this.api.get("/" + code.toUpperCase()).header("Location")).isEqualTo("https://example.com/upper");
	}

}
