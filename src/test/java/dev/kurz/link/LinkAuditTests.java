package dev.kurz.link;

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

/** Every create, update and delete of a link leaves its audit event. */
class LinkAuditTests extends HttpTest {

	@Test
	void createWritesACreatedEventWithCodeAndTarget() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode url = Fixtures.url(this.api, userId, "https://example.com/audited");

		List<JsonNode> events = events(Fixtures.id(url));

		assertThat(events).hasSize(1);
		JsonNode created = events.get(0);
		assertThat(created.get("event_type").stringValue()).isEqualTo("created");
		assertThat(created.get("url_id").longValue()).isEqualTo(Fixtures.id(url));
		assertThat(created.get("user_id").longValue()).isEqualTo(userId);
		assertThat(created.get("details").isObject()).isTrue();
		assertThat(created.get("details").get("short_code")).isEqualTo(url.get("short_code"));
		assertThat(created.get("details").get("original_url").stringValue()).isEqualTo("https://example.com/audited");
	}

	@Test
	void shortenWithoutUserWritesACreatedEventWithoutUser() {
		long id = Fixtures.id(this.api.post("/shorten", Json.object("url", "https://example.com/anon")).json());

		List<JsonNode> events = events(id);

		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("event_type").stringValue()).isEqualTo("created");
		assertThat(events.get(0).get("user_id").isNull()).isTrue();
	}

	@Test
	void updateWritesOneEventPerChangedField() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/old", "title", "Old")));

		Api.Response response = this.api.put("/urls/" + id,
				Json.object("title", "New", "original_url", "https://example.com/new", "is_active", false));
		assertThat(response.status()).isEqualTo(200);

		List<JsonNode> updates = events(id).stream()
			.filter((e) -> e.get("event_type").stringValue().equals("updated"))
			.toList();
		assertThat(updates).hasSize(3);
		assertThat(updates).allSatisfy((e) -> assertThat(e.get("user_id").longValue()).isEqualTo(userId));
		Map<String, JsonNode> byField = new HashMap<>();
		updates.forEach((e) -> byField.put(e.get("details").get("field").stringValue(), e.get("details")));
		assertThat(byField).containsOnlyKeys("title", "original_url", "is_active");
		assertThat(byField.get("title").get("old_value").stringValue()).isEqualTo("Old");
		assertThat(byField.get("title").get("new_value").stringValue()).isEqualTo("New");
		assertThat(byField.get("original_url").get("old_value").stringValue()).isEqualTo("https://example.com/old");
		assertThat(byField.get("original_url").get("new_value").stringValue()).isEqualTo("https://example.com/new");
		assertThat(byField.get("is_active").get("old_value").booleanValue()).isTrue();
		assertThat(byField.get("is_active").get("new_value").booleanValue()).isFalse();
	}

	@Test
	void updateThatChangesNothingWritesNoEvent() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode created = Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/same", "title", "Same"));
		long id = Fixtures.id(created);

		Api.Response response = this.api.put("/urls/" + id,
				Json.object("title", "Same", "original_url", "https://example.com/same", "is_active", true));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("updated_at")).isEqualTo(created.get("updated_at"));
		assertThat(events(id)).extracting((e) -> e.get("event_type").stringValue()).containsExactly("created");
	}

	@Test
	void clearingTheTitleRecordsANullNewValue() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api,
				Json.object("user_id", userId, "original_url", "https://example.com/t", "title", "Gone soon")));

		this.api.put("/urls/" + id, Json.object("title", null));

		JsonNode update = events(id).get(1);
		assertThat(update.get("details").get("field").stringValue()).isEqualTo("title");
		assertThat(update.get("details").get("old_value").stringValue()).isEqualTo("Gone soon");
		assertThat(update.get("details").get("new_value").isNull()).isTrue();
	}

	@Test
	void rejectedUpdateWritesNoEvent() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/t"));

		assertInvalid(this.api.put("/urls/" + id, Json.object("title", "Fine", "original_url", "nope")),
				"original_url");

		assertThat(events(id)).hasSize(1);
		assertThat(this.api.get("/urls/" + id).json().get("title").isNull()).isTrue();
	}

	@Test
	void deleteWritesADeletedEventWithTheDefaultReason() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/d"));

		this.api.delete("/urls/" + id);
		this.api.delete("/urls/" + id);

		List<JsonNode> events = events(id);
		assertThat(events).extracting((e) -> e.get("event_type").stringValue()).containsExactly("created", "deleted");
		assertThat(events.get(1).get("details").get("reason").stringValue()).isEqualTo("user_requested");
		assertThat(events.get(1).get("user_id").longValue()).isEqualTo(userId);
	}

	@Test
	void deleteWritesTheGivenReason() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/d"));

		Api.Response response = this.api.send("DELETE", "/urls/" + id, Json.object("reason", "spam"),
				Map.of("Content-Type", "application/json"));

		assertThat(response.status()).isEqualTo(204);
		JsonNode deleted = events(id).get(1);
		assertThat(deleted.get("event_type").stringValue()).isEqualTo("deleted");
		assertThat(deleted.get("details").get("reason").stringValue()).isEqualTo("spam");
	}

	@Test
	void reasonOfAnotherJsonTypeIs422AndDeletesNothing() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/d"));

		assertInvalid(
				this.api.send("DELETE", "/urls/" + id, "{\"reason\": 42}", Map.of("Content-Type", "application/json")),
				"reason");

		assertThat(this.api.get("/urls/" + id).status()).isEqualTo(200);
		assertThat(events(id)).hasSize(1);
	}

	@Test
	void auditEventsCarryTheIdOfTheRequestThatCausedThem() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		Api.Response create = this.api.post("/urls", Json.object("user_id", userId, "original_url", "https://a.io"));
		long id = Fixtures.id(create.json());
		Api.Response update = this.api.put("/urls/" + id, Json.object("title", "T"));
		Api.Response delete = this.api.delete("/urls/" + id);

		List<JsonNode> events = events(id);

		assertThat(create.header("X-Request-ID")).isNotBlank();
		assertThat(events).extracting((e) -> e.get("details").path("request_id").asString())
			.containsExactly(create.header("X-Request-ID"), update.header("X-Request-ID"),
					delete.header("X-Request-ID"));
	}

	@Test
	void reasonWithANulCharacterIs422AndDeletesNothing() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/d"));

		assertInvalid(this.api.send("DELETE", "/urls/" + id, Json.object("reason", "spam\0"),
				Map.of("Content-Type", "application/json")), "reason");

		assertThat(this.api.get("/urls/" + id).status()).isEqualTo(200);
	}

	private List<JsonNode> events(long urlId) {
		Api.Response response = this.api.get("/events?url_id=" + urlId);
		assertThat(response.status()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

}
