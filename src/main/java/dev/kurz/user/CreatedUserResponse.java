package dev.kurz.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a sign-up: the user, and its first API key, which is never shown again.
 */
record CreatedUserResponse(long id, String username, String email, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

	static CreatedUserResponse from(UserResponse user, String apiKey) {
		return new CreatedUserResponse(user.id(), user.username(), user.email(), user.createdAt(), apiKey);
	}

}
