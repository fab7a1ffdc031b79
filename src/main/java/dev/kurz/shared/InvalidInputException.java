package dev.kurz.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that is well-formed but breaks a rule; {@code fields} names each offending field,
 * and the message names the first, so that a client reading only the message can tell
 * what failed.
 */
public class InvalidInputException extends RuntimeException {

	private final Map<String, String> fields;

	public InvalidInputException(Map<String, String> fields) {
		super(describe(fields));
		this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(Map.of(field, message));
	}

	public Map<String, String> fields() {
		return this.fields;
	}

	private static String describe(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.findFirst()
			.map((first) -> "validation failed: " + first.getKey() + ": " + first.getValue())
			.orElse("validation failed");
	}

}
