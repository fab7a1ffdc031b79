package dev.kurz.support;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error contract: every error is JSON with an {@code error} string and nothing
 * internal. The same checks hold for an answer over HTTP and for one from a
 * {@code @WebMvcTest} slice.
 */
public final class Problems {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private Problems() {
	}

	public static JsonNode assertProblem(Api.Response response, int status) {
		return assertProblem(response.status(), response.header("Content-Type"), response.body(), status);
	}

	public static JsonNode assertProblem(MvcTestResult result, int status) {
		assertThat(result.getUnresolvedException()).as("exception that no handler answered").isNull();
		MockHttpServletResponse response = result.getResponse();
		try {
			return assertProblem(response.getStatus(), response.getContentType(),
					response.getContentAsString(StandardCharsets.UTF_8), status);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A 422 naming {@code field} in its {@code fields} object. */
	public static JsonNode assertInvalid(Api.Response response, String field) {
		return assertFields(assertProblem(response, 422), field);
	}

	/** A 422 naming {@code field} in its {@code fields} object. */
	public static JsonNode assertInvalid(MvcTestResult result, String field) {
		return assertFields(assertProblem(result, 422), field);
	}

	private static JsonNode assertProblem(int actualStatus, String contentType, String text, int status) {
		assertThat(actualStatus).as(text).isEqualTo(status);
		assertThat(contentType).as("content type of a %d", status).contains("json");
		JsonNode body = MAPPER.readTree(text);
		assertThat(body.isObject()).as(text).isTrue();
		assertThat(body.path("error").isString()).as("error string in %s", text).isTrue();
		assertThat(body.path("error").stringValue()).isNotBlank();
		assertThat(body.has("trace")).as("stack trace in %s", text).isFalse();
		assertThat(text).doesNotContain("Exception", "\tat ", "java.", "org.springframework", "SQL", "dev.kurz");
		return body;
	}

	private static JsonNode assertFields(JsonNode body, String field) {
		assertThat(body.path("fields").isObject()).as(body.toString()).isTrue();
		assertThat(body.path("fields").has(field)).as("fields.%s in %s", field, body).isTrue();
		return body;
	}

}
