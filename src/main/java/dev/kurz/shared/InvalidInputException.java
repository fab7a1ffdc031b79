package dev.kurz.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Input that is well-formed but breaks a rule; {@code fields} names each offending field. */
public class InvalidInputException extends RuntimeException {

	private final Map<String, String> fields;

	public InvalidInputException(String message, Map<String, String> fields) {
		super(message);
		this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException("validation failed", Map.of(field, message));
	}

	public Map<String, String> fields() {
		return this.fields;
	}

}
