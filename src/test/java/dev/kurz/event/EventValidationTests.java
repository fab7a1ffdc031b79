package dev.kurz.event;

import java.util.List;
import java.util.Map;

import dev.kurz.support.Json;
import dev.kurz.web.JsonStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

/**
 * The 422 rows for events: missing or wrongly typed fields, bad types and details, bad
 * list filters. A refused request never reaches the event service, so nothing is stored
 * or read.
 */
@WebMvcTest(EventController.class)
@Import(JsonStream.class)
class EventValidationTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private EventService events;

	@Test
	void missingFieldsAre422() {
		JsonNode body = assertInvalid(post("{}"), "url_id");
		assertThat(body.get("fields").has("event_type")).isTrue();
		then(this.events).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "1.5", "\"5\"", "-3", "null" })
	void urlIdThatIsNotAPositiveJsonIntegerIs422(String value) {
		assertInvalid(post("{\"url_id\": " + value + ", \"event_type\": \"share\"}"), "url_id");
		then(this.events).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "1.5", "\"5\"", "-3" })
	void userIdThatIsNotAPositiveJsonIntegerIs422(String value) {
		assertInvalid(post("{\"url_id\": 1, \"event_type\": \"share\", \"user_id\": " + value + "}"), "user_id");
		then(this.events).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "123", "true", "[]", "null", "\"\"", "\"has space\"" })
	void badEventTypeIs422(String value) {
		assertInvalid(post("{\"url_id\": 1, \"event_type\": " + value + "}"), "event_type");
		then(this.events).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"text\"", "[1, 2]", "42", "true" })
	void detailsThatAreNotAnObjectAre422(String value) {
		assertInvalid(post("{\"url_id\": 1, \"event_type\": \"share\", \"details\": " + value + "}"), "details");
		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void detailsWithANulCharacterAre422() {
		assertInvalid(post(Json.object("url_id", 1, "event_type", "share", "details", Map.of("a", "x\0"))), "details");
		assertInvalid(post(Json.object("url_id", 1, "event_type", "share", "details",
				Map.of("nested", List.of(Map.of("k\0", 1))))), "details");
		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void badListFilterIsAClientError() {
		assertProblem(list("url_id", "abc"), 422);
		assertProblem(list("user_id", "0"), 422);
		assertInvalid(list("event_type", "a\0b"), "event_type");
		assertInvalid(list("event_type", "has space"), "event_type");
		then(this.events).shouldHaveNoInteractions();
	}

	private MvcTestResult post(String json) {
		return this.mvc.post().uri("/events").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private MvcTestResult list(String parameter, String value) {
		return this.mvc.get().uri("/events").param(parameter, value).exchange();
	}

}
