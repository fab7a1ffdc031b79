package dev.kurz.link;

import java.time.Instant;

public record UrlResponse(long id, String shortCode, String originalUrl, String title, boolean isActive, Long userId,
		Instant createdAt, Instant updatedAt) {

	static UrlResponse from(ShortUrl url) {
		return new UrlResponse(url.getId(), url.getShortCode(), url.getOriginalUrl(), url.getTitle(), url.isActive(),
				url.getUserId(), url.getCreatedAt(), url.getUpdatedAt());
	}

}
