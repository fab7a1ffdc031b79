package dev.kurz.ops;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdAndHeadersTests extends HttpTest {

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	@Autowired
	private LoggingSystem logging;

	private Api.Response withId(String method, String path, String body, String id) {
		Map<String, String> headers = new java.util.HashMap<>(JSON);
		headers.put("X-Request-ID", id);
		return this.api.send(method, path, body, headers);
	}

	@Test
	void saneIncomingRequestIdIsEchoedAndInsaneOneReplaced() {
		assertThat(withId("GET", "/users", null, "req-42.a_b").header("X-Request-ID")).isEqualTo("req-42.a_b");
		String replaced = withId("GET", "/users", null, "bad id with spaces").header("X-Request-ID");
		assertThat(replaced).matches("[0-9a-f-]{36}");
		assertThat(withId("GET", "/users", null, "x".repeat(129)).header("X-Request-ID")).hasSize(36);
		assertThat(this.api.get("/users").header("X-Request-ID")).matches("[0-9a-f-]{36}");
	}

	@Test
	void requestIdIsInErrorBodies() {
		Api.Response notFound = withId("GET", "/users/999999", null, "trace-404");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.json().get("request_id").stringValue()).isEqualTo("trace-404");
		Api.Response invalid = withId("POST", "/users", "{\"username\":1}", "trace-422");
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.json().get("request_id").stringValue()).isEqualTo("trace-422");
		// Refused by a filter before MVC, rendered by the error controller in a second
		// dispatch.
		Api.Response tooLarge = withId("POST", "/users", "{\"username\":\"" + "x".repeat(1024 * 1024) + "\"}",
				"trace-413");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.json().get("request_id").stringValue()).isEqualTo("trace-413");
		assertThat(tooLarge.json().get("instance").stringValue()).isEqualTo("/users");
		assertThat(tooLarge.header("X-Request-ID")).isEqualTo("trace-413");
		Api.Response unknownPath = withId("GET", "/no/such/path", null, "trace-path");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.json().get("request_id").stringValue()).isEqualTo("trace-path");
	}

	@Test
	void requestIdIsInTheAuditEventsItCaused() {
		Api.Response created = withId("POST", "/shorten", "{\"url\":\"https://example.com/audit\"}", "trace-audit");
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").longValue();
		JsonNode events = this.api.get("/events?url_id=" + id + "&event_type=created").json();
		assertThat(events.get(0).get("details").get("request_id").stringValue()).isEqualTo("trace-audit");
	}

	@Test
	void everyAnswerCarriesSecurityHeadersAndNoServerHeader() {
		for (Api.Response response : new Api.Response[] { this.api.get("/users"), this.api.get("/users/999999"),
				this.api.get("/no/such/path"), this.api.send("DELETE", "/shorten", null, Map.of()),
				this.api.post("/users", "{") }) {
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
			assertThat(response.header("Server")).isNull();
		}
	}

	@Test
	void eachRequestLogsOneJsonAccessLineWithItsId(CapturedOutput output) {
		// The test configuration logs warnings only; production logs the access line at
		// INFO.
		this.logging.setLogLevel("kurz.access", LogLevel.INFO);
		JsonNode line;
		try {
			withId("GET", "/users/12345", null, "trace-log-1");
			line = await().atMost(Duration.ofSeconds(5))
				.until(() -> output.getOut()
					.lines()
					.filter((l) -> l.contains("\"kurz.access\"") && l.contains("trace-log-1"))
					.findFirst()
					.map((l) -> JsonMapper.builder().build().readTree(l))
					.orElse(null), Objects::nonNull);
		}
		finally {
			this.logging.setLogLevel("kurz.access", null);
		}
		assertThat(line.get("level").stringValue()).isEqualTo("INFO");
		assertThat(line.get("logger").stringValue()).isEqualTo("kurz.access");
		assertThat(line.get("request_id").stringValue()).isEqualTo("trace-log-1");
		assertThat(line.get("method").stringValue()).isEqualTo("GET");
		// The route template, not the raw path: one series per route, not per id.
		assertThat(line.get("path").stringValue()).startsWith("/users/{id");
		assertThat(line.get("status").intValue()).isEqualTo(404);
		assertThat(line.get("duration_ms").isNumber()).isTrue();
		assertThat(line.get("client_ip").stringValue()).isEqualTo("127.0.0.1");
		assertThat(line.get("timestamp").stringValue()).isNotBlank();
	}

}
