package dev.kurz.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Clicks of one link over the last 30 days (UTC), read from the click rollups.
 * {@code clicks} is the sum of {@code clicks_by_day}, {@code human_clicks} and
 * {@code bot_clicks} split it, and {@code unique_visitors} counts the distinct clients
 * among those clicks, bots included; {@code total_clicks} counts every click the link
 * ever had.
 */
record StatsResponse(long urlId, String shortCode, long clicks, long humanClicks, long botClicks, long uniqueVisitors,
		long totalClicks, Instant lastClickAt, List<DayClicks> clicksByDay, List<ReferrerClicks> topReferrers) {

	record DayClicks(LocalDate date, long clicks, long humanClicks, long botClicks) {

	}

	record ReferrerClicks(String referrer, long clicks) {

	}

}
