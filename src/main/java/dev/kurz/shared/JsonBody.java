package dev.kurz.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Strict reader for a JSON object request body. Jackson would coerce {@code 123} into a
 * string or {@code "5"} into a number; the API contract forbids that, so request records
 * read their fields through this class and every violation is collected into one 422
 * answer.
 */
public final class JsonBody {

	private final JsonNode node;

	private final Map<String, String> errors = new LinkedHashMap<>();

	private JsonBody(JsonNode node) {
		this.node = node;
	}

	public static JsonBody of(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw InvalidInputException.of("body", "must be a JSON object");
		}
		return new JsonBody(node);
	}

	/**
	 * Present in the body under {@code name} or one of its aliases (possibly as
	 * {@code null}).
	 */
	public boolean has(String name, String... aliases) {
		return key(name, aliases) != null;
	}

	public String requiredString(String name, String... aliases) {
		String key = key(name, aliases);
		if (key == null) {
			this.errors.put(name, "is required");
			return null;
		}
		return string(key);
	}

	/** Absent gives {@code null}; present must be a string. */
	public String optionalString(String name, String... aliases) {
		String key = key(name, aliases);
		return (key != null) ? string(key) : null;
	}

	/** Absent or JSON {@code null} give {@code null}; anything else must be a string. */
	public String nullableString(String name, String... aliases) {
		String key = key(name, aliases);
		if (key == null || this.node.get(key).isNull()) {
			return null;
		}
		return string(key);
	}

	public Long requiredId(String name) {
		if (!has(name)) {
			this.errors.put(name, "is required");
			return null;
		}
		return id(name);
	}

	/**
	 * Absent or JSON {@code null} give {@code null}; anything else must be an integer id.
	 */
	public Long optionalId(String name) {
		if (!has(name) || this.node.get(name).isNull()) {
			return null;
		}
		return id(name);
	}

	/**
	 * A JSON boolean or the strings {@code "true"}/{@code "false"}; absent gives
	 * {@code null}.
	 */
	public Boolean optionalFlag(String name) {
		if (!has(name)) {
			return null;
		}
		JsonNode value = this.node.get(name);
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isString() && ("true".equals(value.stringValue()) || "false".equals(value.stringValue()))) {
			return Boolean.valueOf(value.stringValue());
		}
		this.errors.put(name, "must be a boolean");
		return null;
	}

	/** A JSON object; absent or {@code null} give {@code null}. */
	public JsonNode optionalObject(String name) {
		if (!has(name) || this.node.get(name).isNull()) {
			return null;
		}
		JsonNode value = this.node.get(name);
		if (!value.isObject()) {
			this.errors.put(name, "must be a JSON object");
			return null;
		}
		return value;
	}

	/** Records a rule violation found by the caller. */
	public void reject(String name, String message) {
		this.errors.putIfAbsent(name, message);
	}

	public boolean isValid(String name) {
		return !this.errors.containsKey(name);
	}

	/** Throws the collected violations, if any. */
	public void validate() {
		if (!this.errors.isEmpty()) {
			throw new InvalidInputException(this.errors);
		}
	}

	private String key(String name, String... aliases) {
		if (this.node.has(name)) {
			return name;
		}
		for (String alias : aliases) {
			if (this.node.has(alias)) {
				return alias;
			}
		}
		return null;
	}

	private String string(String key) {
		JsonNode value = this.node.get(key);
		if (!value.isString()) {
			this.errors.put(key, "must be a string");
			return null;
		}
		return value.stringValue();
	}

	private Long id(String name) {
		JsonNode value = this.node.get(name);
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
			this.errors.put(name, "must be an integer >= 1");
			return null;
		}
		return value.longValue();
	}

}
