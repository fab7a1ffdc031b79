package dev.kurz.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class EventApiTests extends HttpTest {

	private long userId;

	private long urlId;

	@BeforeEach
	void link() {
		this.userId = Fixtures.id(Fixtures.user(this.api));
		this.urlId = Fixtures.id(Fixtures.url(this.api, this.userId, "https://example.com/e"));
	}

	@Test
	void createReturns201WithDetailsAsAJsonObject() {
		Instant before = Instant.now().minusSeconds(5);

		Api.Response response = this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "share",
				"user_id", this.userId, "details", Map.of("channel", "email", "count", 2)));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode event = response.json();
		assertThat(event.propertyNames()).containsExactlyInAnyOrder("id", "url_id", "user_id", "event_type",
				"timestamp", "details");
		assertThat(event.get("url_id").longValue()).isEqualTo(this.urlId);
		assertThat(event.get("user_id").longValue()).isEqualTo(this.userId);
		assertThat(event.get("event_type").stringValue()).isEqualTo("share");
		assertThat(Instant.parse(event.get("timestamp").stringValue())).isAfter(before);
		assertThat(event.get("details").isObject()).isTrue();
		assertThat(event.get("details").propertyNames()).containsExactlyInAnyOrder("channel", "count");
		assertThat(event.get("details").get("channel").stringValue()).isEqualTo("email");
		assertThat(event.get("details").get("count").intValue()).isEqualTo(2);
		assertThat(response.header("Location")).endsWith("/events/" + event.get("id").longValue());
	}

	@Test
	void createWithoutUserOrDetailsStoresAnEmptyObject() {
		Api.Response response = this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "note"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("user_id").isNull()).isTrue();
		assertThat(response.json().get("details").isObject()).isTrue();
		assertThat(response.json().get("details").size()).isZero();
	}

	@Test
	void getReturnsTheEvent() {
		JsonNode created = this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "share")).json();

		Api.Response response = this.api.get("/events/" + Fixtures.id(created));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(created);
	}

	@Test
	void unknownOrNonNumericEventIdIs404() {
		assertProblem(this.api.get("/events/987654"), 404);
		assertProblem(this.api.get("/events/abc"), 404);
	}

	@Test
	void listFiltersByUrlUserAndTypeInIdOrder() {
		long otherUrl = Fixtures.id(Fixtures.url(this.api, this.userId, "https://example.com/other"));
		this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "share"));
		this.api.post("/events", Json.object("url_id", otherUrl, "event_type", "share", "user_id", this.userId));

		Api.Response all = this.api.get("/events");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.header("X-Total-Count")).isEqualTo("4");
		List<Long> ids = all.json().valueStream().map((e) -> e.get("id").longValue()).toList();
		assertThat(ids).isSorted().hasSize(4);
		assertThat(all.json().get(0).propertyNames()).containsExactlyInAnyOrder("id", "url_id", "user_id", "event_type",
				"timestamp", "details");

		assertThat(types(this.api.get("/events?url_id=" + this.urlId))).containsExactly("created", "share");
		assertThat(types(this.api.get("/events?event_type=share"))).containsExactly("share", "share");
		assertThat(types(this.api.get("/events?url_id=" + otherUrl + "&event_type=share"))).containsExactly("share");
		Api.Response byUser = this.api.get("/events?user_id=" + this.userId);
		assertThat(types(byUser)).containsExactly("created", "created", "share");
		assertThat(byUser.header("X-Total-Count")).isEqualTo("3");
		assertThat(types(this.api.get("/events?event_type=nothing"))).isEmpty();
	}

	@Test
	void inactiveUrlTakesNoNewEvents() {
		this.api.put("/urls/" + this.urlId, Json.object("is_active", false));

		var body = assertInvalid(this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "share")),
				"url_id");
		assertThat(body.get("error").stringValue()).startsWith("validation failed: url_id: ").contains("inactive");
		assertThat(this.api.get("/events?event_type=share").header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void deletedUrlTakesNoNewEvents() {
		this.api.delete("/urls/" + this.urlId);

		assertInvalid(this.api.post("/events", Json.object("url_id", this.urlId, "event_type", "share")), "url_id");
	}

	@Test
	void unknownUrlIs404() {
		assertProblem(this.api.post("/events", Json.object("url_id", 424242, "event_type", "share")), 404);
	}

	private static List<String> types(Api.Response list) {
		assertThat(list.status()).isEqualTo(200);
		return list.json().valueStream().map((e) -> e.get("event_type").stringValue()).toList();
	}

}
