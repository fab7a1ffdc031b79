package dev.kurz.redirect;

import java.util.List;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The issue-2 rows of {@code GET|HEAD /<short_code>}. */
class RedirectApiTests extends HttpTest {

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@Test
	void getRedirectsWith302ToTheOriginalUrl() {
		JsonNode link = shorten("https://example.com/target?q=1#frag");

		Api.Response response = this.api.get("/" + code(link));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).isEqualTo("https://example.com/target?q=1#frag");
	}

	@Test
	void headRedirectsWith302ToTheOriginalUrl() {
		JsonNode link = shorten("https://example.com/head");

		Api.Response response = this.api.head("/" + code(link));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).isEqualTo("https://example.com/head");
	}

	@Test
	void unknownCodeIs404Json() {
		assertProblem(this.api.get("/" + Fixtures.uniqueCode()), 404);
		assertThat(this.api.head("/" + Fixtures.uniqueCode()).status()).isEqualTo(404);
	}

	@Test
	void inactiveCodeIs404UntilReactivated() {
		JsonNode link = shorten("https://example.com/paused");
		assertThat(this.api.get("/" + code(link)).status()).isEqualTo(302);

		this.api.put("/urls/" + Fixtures.id(link), Json.object("is_active", false));
		assertProblem(this.api.get("/" + code(link)), 404);
		assertThat(this.api.head("/" + code(link)).status()).isEqualTo(404);

		this.api.put("/urls/" + Fixtures.id(link), Json.object("is_active", true));
		assertThat(this.api.get("/" + code(link)).status()).isEqualTo(302);
	}

	@Test
	void linkCreatedInactiveDoesNotRedirect() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode link = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/off", "is_active", false));

		assertProblem(this.api.get("/" + code(link)), 404);
	}

	@Test
	void deletedCodeIs404() {
		JsonNode link = shorten("https://example.com/deleted");
		assertThat(this.api.get("/" + code(link)).status()).isEqualTo(302);

		this.api.delete("/urls/" + Fixtures.id(link));

		assertProblem(this.api.get("/" + code(link)), 404);
		assertThat(this.api.head("/" + code(link)).status()).isEqualTo(404);
	}

	@Test
	void retargetedLinkRedirectsToItsNewTarget() {
		JsonNode link = shorten("https://example.com/before");
		assertThat(this.api.get("/" + code(link)).header("Location")).isEqualTo("https://example.com/before");

		this.api.put("/urls/" + Fixtures.id(link), Json.object("original_url", "https://example.com/after"));

		assertThat(this.api.get("/" + code(link)).header("Location")).isEqualTo("https://example.com/after");
	}

	@Test
	void codeThatWasUnknownRedirectsOnceCreated() {
		String code = Fixtures.uniqueCode();
		assertProblem(this.api.get("/" + code), 404);

		this.api.post("/shorten", Json.object("url", "https://example.com/late", "short_code", code));

		assertThat(this.api.get("/" + code).header("Location")).isEqualTo("https://example.com/late");
	}

	@Test
	void getRedirectIsRecordedAsAClickWithReferrerAndUserAgent() {
		JsonNode link = shorten("https://example.com/clicked");

		Api.Response redirect = this.api.send("GET", "/" + code(link), null,
				Map.of("Referer", "https://news.example.org/post", "User-Agent", "KurzTest/1.0"));
		assertThat(redirect.status()).isEqualTo(302);

		List<JsonNode> clicks = clicks(Fixtures.id(link));
		assertThat(clicks).hasSize(1);
		JsonNode click = clicks.get(0);
		assertThat(click.get("url_id").longValue()).isEqualTo(Fixtures.id(link));
		assertThat(click.get("event_type").stringValue()).isEqualTo("click");
		assertThat(click.get("details").get("short_code").stringValue()).isEqualTo(code(link));
		assertThat(click.get("details").get("referrer").stringValue()).isEqualTo("https://news.example.org/post");
		assertThat(click.get("details").get("user_agent").stringValue()).isEqualTo("KurzTest/1.0");
	}

	@Test
	void everyGetIsAClick() {
		JsonNode link = shorten("https://example.com/many");

		for (int i = 0; i < 5; i++) {
			assertThat(this.api.get("/" + code(link)).status()).isEqualTo(302);
		}

		assertThat(clicks(Fixtures.id(link))).hasSize(5);
		assertThat(this.api.get("/events?url_id=" + Fixtures.id(link) + "&event_type=click").header("X-Total-Count"))
			.isEqualTo("5");
	}

	@Test
	void headIsNotAClick() {
		JsonNode link = shorten("https://example.com/head-only");

		assertThat(this.api.head("/" + code(link)).status()).isEqualTo(302);
		assertThat(this.api.head("/" + code(link)).status()).isEqualTo(302);
		// One real click after the HEADs: were a HEAD counted, it would be flushed with
		// this one.
		assertThat(this.api.get("/" + code(link)).status()).isEqualTo(302);

		assertThat(clicks(Fixtures.id(link))).hasSize(1);
	}

	@Test
	void redirectsThatFailAreNotClicks() {
		JsonNode link = shorten("https://example.com/off");
		this.api.put("/urls/" + Fixtures.id(link), Json.object("is_active", false));

		assertThat(this.api.get("/" + code(link)).status()).isEqualTo(404);

		assertThat(clicks(Fixtures.id(link))).isEmpty();
	}

	private JsonNode shorten(String url) {
		Api.Response response = this.api.post("/shorten", Json.object("url", url));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	private static String code(JsonNode link) {
		return link.get("short_code").stringValue();
	}

	/** {@code GET /events} writes the clicks buffered so far before it reads. */
	private List<JsonNode> clicks(long urlId) {
		Api.Response response = this.api.get("/events?url_id=" + urlId + "&event_type=click");
		assertThat(response.status()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

}
