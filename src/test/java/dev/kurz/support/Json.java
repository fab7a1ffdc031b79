package dev.kurz.support;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Builds request bodies without hand-escaped strings; values keep their JSON type. */
public final class Json {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/**
	 * {@code object("username", "ada", "user_id", 5)}: keys and values in turn, nulls
	 * kept.
	 */
	public static String object(Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("keys and values must come in pairs");
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return MAPPER.writeValueAsString(map);
	}

}
