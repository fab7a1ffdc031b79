package dev.kurz.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served spec matches the service: every mapped route is in it, and real answers
 * validate against its schemas. Writes the spec to {@code target/openapi.json}, which
 * {@code ./mvnw verify} lints with Redocly.
 */
class OpenApiSpecTests extends HttpTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private JsonNode spec;

	private OpenApiInteractionValidator validator;

	@BeforeEach
	void readSpec() throws IOException {
		Api.Response response = this.api.get("/openapi.json");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/openapi.json"), response.body());
		this.spec = response.json();
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(response.body()).build();
	}

	@Test
	void everyMappedRouteIsInTheSpec() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			if (method.getBeanType().getPackageName().startsWith("dev.kurz")
					&& !method.getBeanType().getSimpleName().equals("ProblemErrorController")) {
				for (String pattern : info.getPatternValues()) {
					String path = pattern.replaceAll("\\{(\\w+):[^}]*\\}+", "{$1}");
					info.getMethodsCondition().getMethods().forEach((verb) -> mapped.add(verb.name() + " " + path));
				}
			}
		});
		Set<String> documented = new TreeSet<>();
		this.spec.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.forEach((verb) -> documented.add(verb.toUpperCase() + " " + path.getKey())));

		assertThat(mapped).isNotEmpty();
		assertThat(documented).containsAll(mapped);
	}

	@Test
	void realAnswersValidateAgainstTheSpec() {
		Api.Response user = this.api.post("/users", Json.object("username", "ada", "email", "ada@example.com"));
		valid(Request.Method.POST, "/users", user);
		long userId = Fixtures.id(user.json());
		Api.Response url = this.api.post("/urls",
				Json.object("user_id", userId, "original_url", "https://example.com/docs", "title", "Docs"));
		valid(Request.Method.POST, "/urls", url);
		long urlId = Fixtures.id(url.json());
		String code = url.json().get("short_code").stringValue();
		valid(Request.Method.POST, "/shorten", this.api.post("/shorten", Json.object("url", "https://example.com/s")));
		valid(Request.Method.POST, "/events",
				this.api.post("/events", Json.object("url_id", urlId, "event_type", "shared")));
		valid(Request.Method.POST, "/urls/batch", this.api.post("/urls/batch",
				"[{\"user_id\": " + userId + ", \"original_url\": \"https://example.com/b\"}, {\"original_url\": 1}]"));
		valid(Request.Method.GET, "/urls", this.api.get("/urls"));
		valid(Request.Method.GET, "/urls/" + urlId, this.api.get("/urls/" + urlId));
		valid(Request.Method.GET, "/urls/code/" + code, this.api.get("/urls/code/" + code));
		valid(Request.Method.PUT, "/urls/" + urlId, this.api.put("/urls/" + urlId, Json.object("title", "New")));
		valid(Request.Method.GET, "/users", this.api.get("/users"));
		valid(Request.Method.GET, "/users/" + userId, this.api.get("/users/" + userId));
		valid(Request.Method.GET, "/events", this.api.get("/events"));
		valid(Request.Method.GET, "/health", this.api.get("/health"));
		valid(Request.Method.GET, "/urls/" + urlId + "/stats", this.api.get("/urls/" + urlId + "/stats"));
		valid(Request.Method.GET, "/urls/999999", this.api.get("/urls/999999"));
		valid(Request.Method.POST, "/urls", this.api.post("/urls", Json.object("original_url", "nope")));
		valid(Request.Method.POST, "/urls", this.api.post("/urls", "{not json"));
		valid(Request.Method.DELETE, "/urls/" + urlId, this.api.delete("/urls/" + urlId));
	}

	private void valid(Request.Method method, String path, Api.Response response) {
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
		String type = response.header("Content-Type");
		if (type != null) {
			answer.withContentType(type);
		}
		if (!response.body().isEmpty()) {
			answer.withBody(response.body());
		}
		ValidationReport report = this.validator.validateResponse(path, method, answer.build());
		assertThat(report.getMessages()).as(method + " " + path + " " + response.status() + " " + response.body())
			.isEmpty();
	}

}
