package dev.kurz.link;

import java.time.Instant;

record ShortenResponse(long id, String shortCode, String shortUrl, String originalUrl, String title, boolean isActive,
		Long userId, Instant createdAt, Instant updatedAt, Instant expiresAt, String expiredUrl, Long maxClicks,
		int redirectType, boolean forwardQuery) {

	static ShortenResponse from(UrlResponse url, String baseUrl) {
		return new ShortenResponse(url.id(), url.shortCode(), baseUrl + "/" + url.shortCode(), url.originalUrl(),
				url.title(), url.isActive(), url.userId(), url.createdAt(), url.updatedAt(), url.expiresAt(),
				url.expiredUrl(), url.maxClicks(), url.redirectType(), url.forwardQuery());
	}

}
