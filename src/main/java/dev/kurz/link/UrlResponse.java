package dev.kurz.link;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

public record UrlResponse(long id, String shortCode, String originalUrl, String title, boolean isActive, Long userId,
		Instant createdAt, Instant updatedAt) {

	/** The columns {@link #from(ResultSet)} reads, ready for a WHERE clause. */
	static final String COLUMNS = "SELECT id, short_code, original_url, title, is_active, user_id, created_at, updated_at FROM urls";

	static UrlResponse from(ShortUrl url) {
		return new UrlResponse(url.getId(), url.getShortCode(), url.getOriginalUrl(), url.getTitle(), url.isActive(),
				url.getUserId(), url.getCreatedAt(), url.getUpdatedAt());
	}

	static UrlResponse from(ResultSet rs) throws SQLException {
		return new UrlResponse(rs.getLong("id"), rs.getString("short_code"), rs.getString("original_url"),
				rs.getString("title"), rs.getBoolean("is_active"), rs.getObject("user_id", Long.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
