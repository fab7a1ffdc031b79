package dev.kurz.link;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

public record UrlResponse(long id, String shortCode, String originalUrl, String title, boolean isActive, Long userId,
		Instant createdAt, Instant updatedAt, Instant expiresAt, String expiredUrl, Long maxClicks, int redirectType,
		boolean forwardQuery) {

	/** The columns {@link #fromRow} reads, for a {@code SELECT} on {@code urls}. */
	static final String COLUMNS = "id, short_code, original_url, title, is_active, user_id, created_at, updated_at, "
			+ "expires_at, expired_url, max_clicks, redirect_type, forward_query";

	static UrlResponse from(ShortUrl url) {
		RedirectRules rules = url.getRules();
		return new UrlResponse(url.getId(), url.getShortCode(), url.getOriginalUrl(), url.getTitle(), url.isActive(),
				url.getUserId(), url.getCreatedAt(), url.getUpdatedAt(), rules.expiresAt(), rules.expiredUrl(),
				rules.maxClicks(), rules.redirectType(), rules.forwardQuery());
	}

	static UrlResponse fromRow(ResultSet rs) throws SQLException {
		Timestamp expiresAt = rs.getTimestamp("expires_at");
		return new UrlResponse(rs.getLong("id"), rs.getString("short_code"), rs.getString("original_url"),
				rs.getString("title"), rs.getBoolean("is_active"), rs.getObject("user_id", Long.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				(expiresAt != null) ? expiresAt.toInstant() : null, rs.getString("expired_url"),
				rs.getObject("max_clicks", Long.class), rs.getInt("redirect_type"), rs.getBoolean("forward_query"));
	}

	/** The rules this link's redirects follow. */
	public RedirectRules rules() {
		return new RedirectRules(this.expiresAt, this.expiredUrl, this.maxClicks, this.redirectType, this.forwardQuery);
	}

}
