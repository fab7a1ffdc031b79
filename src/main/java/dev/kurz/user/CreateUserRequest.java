package dev.kurz.user;

import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

record CreateUserRequest(String username, String email) {

	static CreateUserRequest from(JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String username = UserRules.username(body, body.requiredString("username"));
		String email = UserRules.email(body, body.requiredString("email"));
		body.validate();
		return new CreateUserRequest(username, email);
	}

}
