package dev.kurz.web;

import dev.kurz.event.MockEventService;
import dev.kurz.imports.MockCsvImporter;
import dev.kurz.link.LinkService;
import dev.kurz.link.TargetRulesConfiguration;
import dev.kurz.support.Json;
import dev.kurz.user.UserService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
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
 * The Errors table for what MVC refuses: malformed JSON, ids that are no numbers, wrong
 * methods, bodies that are not JSON, invalid fields. Every such error is problem JSON
 * with nothing internal, and never reaches a service. The JSON API's controllers only:
 * redirects, stats, keys and the operations endpoints are not in this table. Errors
 * answered before MVC, or that need stored data, are in
 * {@link ErrorContractEndToEndTests}.
 */
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "dev\\.kurz\\.(analytics|auth|ops|redirect)\\..*"))
@Import({ JsonStream.class, TargetRulesConfiguration.class })
@MockEventService
@MockCsvImporter
class ErrorContractTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@MockitoBean
	private LinkService links;

	@ParameterizedTest
	@ValueSource(strings = { "/users", "/urls", "/shorten", "/events" })
	void malformedJsonIs400(String path) {
		for (String body : new String[] { "{\"username\":", "{'a': 1}", "not json", "{\"a\": 1} trailing", "" }) {
			assertProblem(send(HttpMethod.POST, path, MediaType.APPLICATION_JSON, body), 400);
		}
	}

	@Test
	void malformedJsonOnUpdateIs400() {
		assertProblem(send(HttpMethod.PUT, "/users/1", MediaType.APPLICATION_JSON, "{\"username\""), 400);
		then(this.users).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@CsvSource({ "GET,/users/abc", "GET,/urls/abc", "GET,/events/abc", "PUT,/users/abc", "DELETE,/users/abc",
			"PUT,/urls/abc", "DELETE,/urls/abc", "GET,/users/1.5", "GET,/users/99999999999999999999999" })
	void nonNumericIdIs404(String method, String path) {
		String body = method.equals("PUT") ? "{}" : null;

		assertProblem(send(HttpMethod.valueOf(method), path, MediaType.APPLICATION_JSON, body), 404);
	}

	@ParameterizedTest
	@CsvSource({ "PATCH,/users/1", "DELETE,/users", "PUT,/users", "POST,/users/1", "PATCH,/urls/1", "DELETE,/urls",
			"POST,/urls/1", "PUT,/shorten", "DELETE,/events/1", "PUT,/events/1", "DELETE,/events", "GET,/users/bulk",
			"DELETE,/urls/bulk" })
	void wrongMethodOnAKnownPathIs405(String method, String path) {
		MvcTestResult result = send(HttpMethod.valueOf(method), path, MediaType.APPLICATION_JSON, "{}");

		assertProblem(result, 405);
		assertThat(result.getResponse().getHeader("Allow")).isNotBlank();
	}

	@Test
	void getOnShortenIs405() {
		MvcTestResult result = this.mvc.get().uri("/shorten").exchange();

		assertProblem(result, 405);
		assertThat(result.getResponse().getHeader("Allow")).contains("POST");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml", "text/csv" })
	void nonJsonContentTypeIs415(String type) {
		MediaType media = MediaType.parseMediaType(type);
		String user = Json.object("username", "ada", "email", "ada@example.com");

		assertProblem(send(HttpMethod.POST, "/users", media, user), 415);
		assertProblem(send(HttpMethod.POST, "/urls", media, "{}"), 415);
		assertProblem(send(HttpMethod.POST, "/shorten", media, Json.object("url", "https://example.com")), 415);
		assertProblem(send(HttpMethod.POST, "/events", media, "{}"), 415);
		assertProblem(send(HttpMethod.PUT, "/users/1", media, "{}"), 415);
		then(this.users).shouldHaveNoInteractions();
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void missingContentTypeIs415() {
		assertProblem(send(HttpMethod.POST, "/users", null, Json.object("username", "ada", "email", "a@example.com")),
				415);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void invalidInputIs422WithFields() {
		MvcTestResult invalid = send(HttpMethod.POST, "/users", MediaType.APPLICATION_JSON,
				Json.object("username", 123, "email", "nope"));

		JsonNode body = assertInvalid(invalid, "username");
		assertThat(body.get("fields").get("username").isString()).isTrue();
		assertThat(body.get("fields").get("email").isString()).isTrue();
		assertThat(
				send(HttpMethod.POST, "/users", MediaType.APPLICATION_JSON, Json.object("username", 123)).getResponse()
					.getContentType())
			.contains("application/problem+json");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void hugeIdIsNotAServerError() {
		assertProblem(this.mvc.get().uri("/urls?user_id=99999999999999999999").exchange(), 422);
		assertProblem(send(HttpMethod.POST, "/urls", MediaType.APPLICATION_JSON,
				"{\"user_id\": 99999999999999999999, \"original_url\": \"https://a.io\"}"), 422);
		then(this.links).shouldHaveNoInteractions();
	}

	@Test
	void deeplyNestedJsonIsNotAServerError() {
		String body = "[".repeat(5000) + "]".repeat(5000);

		MvcTestResult result = send(HttpMethod.POST, "/users", MediaType.APPLICATION_JSON, body);

		assertThat(result.getResponse().getStatus()).isBetween(400, 499);
		assertProblem(result, result.getResponse().getStatus());
	}

	private MvcTestResult send(HttpMethod method, String path, MediaType type, String body) {
		var request = this.mvc.method(method).uri(path);
		if (type != null) {
			request.contentType(type);
		}
		if (body != null) {
			request.content(body);
		}
		return request.exchange();
	}

}
