package dev.kurz.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An event as clients read it; {@code details} is the stored JSON object, written as is.
 */
record EventResponse(long id, long urlId, Long userId, String eventType, Instant timestamp,
		@JsonRawValue @Schema(types = "object", description = "A JSON object.",
				example = "{\"short_code\": \"docs\"}") String details) {

	static final String COLUMNS = "SELECT id, url_id, user_id, event_type, timestamp, details FROM events";

	static EventResponse from(ResultSet rs) throws SQLException {
		return new EventResponse(rs.getLong("id"), rs.getLong("url_id"), rs.getObject("user_id", Long.class),
				rs.getString("event_type"), rs.getTimestamp("timestamp").toInstant(), rs.getString("details"));
	}

}
