package dev.kurz.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

public record UserResponse(long id, String username, String email, Instant createdAt) {

	/** The columns {@link #from(ResultSet)} reads, ready for a WHERE clause. */
	static final String COLUMNS = "SELECT id, username, email, created_at FROM users";

	static UserResponse from(User user) {
		return new UserResponse(user.getId(), user.getUsername(), user.getEmail(), user.getCreatedAt());
	}

	static UserResponse from(ResultSet rs) throws SQLException {
		return new UserResponse(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
				rs.getTimestamp("created_at").toInstant());
	}

}
