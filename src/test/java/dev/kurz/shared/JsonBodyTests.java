package dev.kurz.shared;

import java.util.Map;

import dev.kurz.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonBodyTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void onlyAJsonObjectIsABody() {
		for (String json : new String[] { "[]", "\"text\"", "1", "null" }) {
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> JsonBody.of(node(json)))
				.satisfies((ex) -> assertThat(ex.fields()).containsKey("body"));
		}
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> JsonBody.of(null));
	}

	@Test
	void requiredStringReadsTheNameOrItsAlias() {
		assertThat(body("{\"url\": \"a\"}").requiredString("url", "original_url")).isEqualTo("a");
		assertThat(body("{\"original_url\": \"b\"}").requiredString("url", "original_url")).isEqualTo("b");
		assertThat(body("{\"url\": \"a\", \"original_url\": \"b\"}").requiredString("url", "original_url"))
			.isEqualTo("a");
	}

	@Test
	void missingRequiredStringIsReportedUnderItsName() {
		JsonBody body = body("{}");

		assertThat(body.requiredString("url", "original_url")).isNull();

		assertThat(violations(body)).containsEntry("url", "is required");
	}

	@Test
	void stringsAreNeverCoerced() {
		for (String value : new String[] { "123", "true", "[]", "{}", "null", "1.5" }) {
			JsonBody body = body("{\"name\": " + value + "}");

			assertThat(body.requiredString("name")).isNull();

			assertThat(violations(body)).as(value).containsEntry("name", "must be a string");
		}
	}

	@Test
	void violationIsReportedUnderTheAliasTheClientUsed() {
		JsonBody body = body("{\"original_url\": 5}");

		body.requiredString("url", "original_url");

		assertThat(violations(body)).containsOnlyKeys("original_url");
	}

	@Test
	void optionalStringIsNullWhenAbsentButNotWhenNull() {
		assertThat(body("{}").optionalString("title")).isNull();
		assertThat(violations(withOptional("{}"))).isEmpty();
		assertThat(violations(withOptional("{\"title\": null}"))).containsKey("title");
	}

	@Test
	void nullableStringAcceptsNull() {
		JsonBody body = body("{\"title\": null}");

		assertThat(body.nullableString("title")).isNull();
		assertThat(body.has("title")).isTrue();
		body.validate();
	}

	@Test
	void idsArePositiveJsonIntegers() {
		assertThat(body("{\"id\": 7}").requiredId("id")).isEqualTo(7L);
		assertThat(body("{\"id\": 9007199254740993}").requiredId("id")).isEqualTo(9007199254740993L);
		for (String value : new String[] { "true", "1.5", "\"5\"", "-3", "0", "null", "[]", "1e3",
				"99999999999999999999" }) {
			JsonBody body = body("{\"id\": " + value + "}");

			assertThat(body.requiredId("id")).as(value).isNull();

			assertThat(violations(body)).as(value).containsEntry("id", "must be an integer >= 1");
		}
	}

	@Test
	void optionalIdAllowsAbsentAndNull() {
		assertThat(body("{}").optionalId("id")).isNull();
		JsonBody body = body("{\"id\": null}");
		assertThat(body.optionalId("id")).isNull();
		body.validate();
	}

	@Test
	void missingRequiredIdIsReported() {
		JsonBody body = body("{}");

		body.requiredId("user_id");

		assertThat(violations(body)).containsEntry("user_id", "is required");
	}

	@Test
	void flagsAreBooleansOrTheirExactStrings() {
		assertThat(body("{\"f\": true}").optionalFlag("f")).isTrue();
		assertThat(body("{\"f\": \"false\"}").optionalFlag("f")).isFalse();
		assertThat(body("{\"f\": \"true\"}").optionalFlag("f")).isTrue();
		assertThat(body("{}").optionalFlag("f")).isNull();
		for (String value : new String[] { "\"yes\"", "1", "0", "null", "\"True\"", "[]" }) {
			JsonBody body = body("{\"f\": " + value + "}");

			assertThat(body.optionalFlag("f")).as(value).isNull();

			assertThat(violations(body)).as(value).containsEntry("f", "must be a boolean");
		}
	}

	@Test
	void objectsMustBeObjects() {
		assertThat(body("{\"d\": {\"a\": 1}}").optionalObject("d").get("a").intValue()).isEqualTo(1);
		assertThat(body("{\"d\": null}").optionalObject("d")).isNull();
		JsonBody body = body("{\"d\": [1]}");
		body.optionalObject("d");
		assertThat(violations(body)).containsKey("d");
	}

	@Test
	void everyViolationIsCollectedIntoOneException() {
		JsonBody body = body("{\"a\": 1, \"b\": \"x\"}");
		body.requiredString("a");
		body.requiredId("b");
		body.requiredString("c");
		body.reject("b", "a later message does not replace the first");

		assertThat(violations(body)).containsOnlyKeys("a", "b", "c").containsEntry("b", "must be an integer >= 1");
		assertThat(body.isValid("a")).isFalse();
		assertThat(body.isValid("z")).isTrue();
	}

	private static JsonBody withOptional(String json) {
		JsonBody body = body(json);
		body.optionalString("title");
		return body;
	}

	private static Map<String, String> violations(JsonBody body) {
		try {
			body.validate();
			return Map.of();
		}
		catch (InvalidInputException ex) {
			return ex.fields();
		}
	}

	private static JsonBody body(String json) {
		return JsonBody.of(node(json));
	}

	private static JsonNode node(String json) {
		return MAPPER.readTree(json);
	}

}
