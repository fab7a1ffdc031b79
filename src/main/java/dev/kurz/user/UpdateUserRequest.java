package dev.kurz.user;

import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Fields left out stay as they are; a present field must be a valid string (never null).
 */
record UpdateUserRequest(String username, String email) {

	static UpdateUserRequest from(JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String username = UserRules.username(body, body.optionalString("username"));
		String email = UserRules.email(body, body.optionalString("email"));
		body.validate();
		return new UpdateUserRequest(username, email);
	}

}
