package dev.kurz.shared;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL text and jsonb cannot hold the character U+0000. Input containing it is
 * refused as invalid before it reaches SQL, where it would otherwise fail as a server
 * error.
 */
public final class NulCharacters {

	private NulCharacters() {
	}

	public static boolean in(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	/** In any string value or property name, however deeply nested. */
	public static boolean in(JsonNode node) {
		if (node == null) {
			return false;
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (in(property.getKey()) || in(property.getValue())) {
					return true;
				}
			}
			return false;
		}
		if (node.isArray()) {
			for (JsonNode element : node.values()) {
				if (in(element)) {
					return true;
				}
			}
			return false;
		}
		return node.isString() && in(node.stringValue());
	}

}
