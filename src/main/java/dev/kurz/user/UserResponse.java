package dev.kurz.user;

import java.time.Instant;

public record UserResponse(long id, String username, String email, Instant createdAt) {

	static UserResponse from(User user) {
		return new UserResponse(user.getId(), user.getUsername(), user.getEmail(), user.getCreatedAt());
	}

}
