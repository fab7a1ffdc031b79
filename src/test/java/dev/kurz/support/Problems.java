package dev.kurz.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The error contract: every error is JSON with an {@code error} string and nothing internal. */
public final class Problems {

	private Problems() {
	}

	public static JsonNode assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as("content type of a %d", status).contains("json");
		JsonNode body = response.json();
		assertThat(body.isObject()).as(response.body()).isTrue();
		assertThat(body.path("error").isString()).as("error string in %s", response.body()).isTrue();
		assertThat(body.path("error").stringValue()).isNotBlank();
		assertThat(body.has("trace")).as("stack trace in %s", response.body()).isFalse();
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "org.springframework", "SQL",
				"dev.kurz");
		return body;
	}

	/** A 422 naming {@code field} in its {@code fields} object. */
	public static JsonNode assertInvalid(Api.Response response, String field) {
		JsonNode body = assertProblem(response, 422);
		assertThat(body.path("fields").isObject()).as(response.body()).isTrue();
		assertThat(body.path("fields").has(field)).as("fields.%s in %s", field, response.body()).isTrue();
		return body;
	}

}
