package dev.kurz.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request the server cannot parse: malformed CSV, a bulk import without its file. */
public class BadRequestException extends RuntimeException {

	private final Map<String, String> fields;

	public BadRequestException(String message) {
		this(message, Map.of());
	}

	/**
	 * @param fields the request parts at fault, answered as {@code fields}
	 */
	public BadRequestException(String message, Map<String, String> fields) {
		super(message);
		this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public Map<String, String> fields() {
		return this.fields;
	}

}
