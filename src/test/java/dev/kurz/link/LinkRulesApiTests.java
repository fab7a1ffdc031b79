package dev.kurz.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** The redirect rule fields of a link, stored, shown, changed and audited over HTTP. */
class LinkRulesApiTests extends HttpTest {

	private static final Instant EXPIRY = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

	@Test
	void aLinkWithoutRulesShowsNullsAndTheDefaults() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode created = Fixtures.url(this.api, userId, "https://example.com/plain");
		JsonNode shortened = this.api.post("/shorten", Json.object("url", "https://example.com/plain")).json();

		for (JsonNode link : List.of(created, shortened, this.api.get("/urls/" + Fixtures.id(created)).json())) {
			assertThat(link.get("expires_at").isNull()).as(link.toString()).isTrue();
			assertThat(link.get("expired_url").isNull()).isTrue();
			assertThat(link.get("max_clicks").isNull()).isTrue();
			assertThat(link.get("redirect_type").intValue()).isEqualTo(302);
			assertThat(link.get("forward_query").booleanValue()).isFalse();
		}
	}

	@Test
	void rulesGivenOnCreateAreStoredAndShownInEveryAnswer() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		Api.Response response = this.api.post("/urls",
				Json.object("user_id", userId, "original_url", "https://example.com/ruled", "expires_at",
						EXPIRY.toString(), "expired_url", "https://example.com/over", "max_clicks", 50, "redirect_type",
						307, "forward_query", true));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode created = response.json();
		JsonNode listed = this.api.get("/urls").json().get(0);
		JsonNode byCode = this.api.get("/urls/code/" + created.get("short_code").stringValue()).json();
		for (JsonNode link : List.of(created, this.api.get("/urls/" + Fixtures.id(created)).json(), listed, byCode)) {
			assertThat(Instant.parse(link.get("expires_at").stringValue())).as(link.toString()).isEqualTo(EXPIRY);
			assertThat(link.get("expired_url").stringValue()).isEqualTo("https://example.com/over");
			assertThat(link.get("max_clicks").longValue()).isEqualTo(50);
			assertThat(link.get("redirect_type").intValue()).isEqualTo(307);
			assertThat(link.get("forward_query").booleanValue()).isTrue();
		}
		assertThat(listed).isEqualTo(created);
	}

	@Test
	void shortenAcceptsTheRulesToo() {
		JsonNode link = this.api
			.post("/shorten", Json.object("url", "https://example.com/s", "max_clicks", 3, "redirect_type", 301))
			.json();

		assertThat(link.get("short_url").stringValue()).endsWith("/" + link.get("short_code").stringValue());
		assertThat(link.get("max_clicks").longValue()).isEqualTo(3);
		assertThat(link.get("redirect_type").intValue()).isEqualTo(301);
	}

	@Test
	void updateChangesTheFieldsItNamesAndLeavesTheOthers() {
		long id = Fixtures.id(ruled());

		JsonNode updated = this.api.put("/urls/" + id, Json.object("max_clicks", 10, "redirect_type", 308)).json();

		assertThat(updated.get("max_clicks").longValue()).isEqualTo(10);
		assertThat(updated.get("redirect_type").intValue()).isEqualTo(308);
		assertThat(Instant.parse(updated.get("expires_at").stringValue())).isEqualTo(EXPIRY);
		assertThat(updated.get("expired_url").stringValue()).isEqualTo("https://example.com/over");
		assertThat(updated.get("forward_query").booleanValue()).isTrue();
		assertThat(this.api.get("/urls/" + id).json()).isEqualTo(updated);
	}

	@Test
	void nullClearsEveryRuleBackToItsDefault() {
		long id = Fixtures.id(ruled());

		JsonNode cleared = this.api
			.put("/urls/" + id, Json.object("expires_at", null, "expired_url", null, "max_clicks", null,
					"redirect_type", null, "forward_query", null))
			.json();

		assertThat(cleared.get("expires_at").isNull()).isTrue();
		assertThat(cleared.get("expired_url").isNull()).isTrue();
		assertThat(cleared.get("max_clicks").isNull()).isTrue();
		assertThat(cleared.get("redirect_type").intValue()).isEqualTo(302);
		assertThat(cleared.get("forward_query").booleanValue()).isFalse();
		assertThat(this.api.get("/urls/" + id).json()).isEqualTo(cleared);
	}

	@Test
	void everyChangedRuleWritesAnUpdatedEventAndAnUnchangedOneNone() {
		JsonNode created = ruled();
		long id = Fixtures.id(created);
		Instant later = EXPIRY.plus(1, ChronoUnit.DAYS);

		this.api.put("/urls/" + id, Json.object("expires_at", later.toString(), "expired_url", null, "max_clicks", 51,
				"redirect_type", 302, "forward_query", false));
		this.api.put("/urls/" + id, Json.object("max_clicks", 51, "redirect_type", 302));

		Map<String, JsonNode> byField = new HashMap<>();
		List<JsonNode> updates = this.api.get("/events?url_id=" + id)
			.json()
			.valueStream()
			.filter((e) -> e.get("event_type").stringValue().equals("updated"))
			.toList();
		updates.forEach((e) -> byField.put(e.get("details").get("field").stringValue(), e.get("details")));
		assertThat(updates).hasSize(5);
		assertThat(byField).containsOnlyKeys("expires_at", "expired_url", "max_clicks", "redirect_type",
				"forward_query");
		assertThat(Instant.parse(byField.get("expires_at").get("old_value").stringValue())).isEqualTo(EXPIRY);
		assertThat(Instant.parse(byField.get("expires_at").get("new_value").stringValue())).isEqualTo(later);
		assertThat(byField.get("expired_url").get("old_value").stringValue()).isEqualTo("https://example.com/over");
		assertThat(byField.get("expired_url").get("new_value").isNull()).isTrue();
		assertThat(byField.get("max_clicks").get("old_value").longValue()).isEqualTo(50);
		assertThat(byField.get("max_clicks").get("new_value").longValue()).isEqualTo(51);
		assertThat(byField.get("redirect_type").get("old_value").intValue()).isEqualTo(307);
		assertThat(byField.get("redirect_type").get("new_value").intValue()).isEqualTo(302);
		assertThat(byField.get("forward_query").get("old_value").booleanValue()).isTrue();
		assertThat(byField.get("forward_query").get("new_value").booleanValue()).isFalse();
	}

	@Test
	void aRefusedRuleChangesNothing() {
		JsonNode created = ruled();
		long id = Fixtures.id(created);

		assertInvalid(
				this.api.put("/urls/" + id,
						Json.object("title", "New", "max_clicks", 5, "expires_at", "2000-01-01T00:00:00Z")),
				"expires_at");
		assertInvalid(
				this.api.post("/shorten",
						Json.object("url", "https://example.com/past", "expires_at", "2000-01-01T00:00:00Z")),
				"expires_at");

		assertThat(this.api.get("/urls/" + id).json()).isEqualTo(created);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("1");
	}

	private JsonNode ruled() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		return Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/ruled", "expires_at",
						EXPIRY.toString(), "expired_url", "https://example.com/over", "max_clicks", 50, "redirect_type",
						307, "forward_query", true));
	}

}
