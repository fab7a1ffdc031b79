package dev.kurz.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Clicks of one link over the last 30 days (UTC), read from the click rollups.
 * {@code clicks} is the sum of {@code clicks_by_day}; {@code total_clicks} counts every
 * click the link ever had.
 */
record StatsResponse(long urlId, String shortCode, long clicks, long totalClicks, Instant lastClickAt,
		List<DayClicks> clicksByDay, List<ReferrerClicks> topReferrers) {

	record DayClicks(LocalDate date, long clicks) {

	}

	record ReferrerClicks(String referrer, long clicks) {

	}

}
