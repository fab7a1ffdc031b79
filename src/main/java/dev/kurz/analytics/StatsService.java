package dev.kurz.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.kurz.link.LinkService;
import dev.kurz.link.UrlResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
class StatsService {

	static final int DAYS = 30;

	static final int TOP_REFERRERS = 10;

	private final LinkService links;

	private final ClickRecorder clicks;

	private final JdbcTemplate jdbc;

	StatsService(LinkService links, ClickRecorder clicks, JdbcTemplate jdbc) {
		this.links = links;
		this.clicks = clicks;
		this.jdbc = jdbc;
	}

	/**
	 * Read-your-clicks: this replica's buffered clicks are written first. No transaction around
	 * it, so no connection is held while the flush waits.
	 */
	StatsResponse stats(long urlId) {
		UrlResponse url = this.links.get(urlId);
		this.clicks.flush();
		LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
		List<StatsResponse.DayClicks> byDay = this.jdbc.query("""
				SELECT day, sum(clicks) AS clicks FROM url_click_daily
				WHERE url_id = ? AND day >= ? GROUP BY day ORDER BY day""",
				(rs, n) -> new StatsResponse.DayClicks(rs.getObject("day", LocalDate.class), rs.getLong("clicks")),
				urlId, since);
		List<StatsResponse.ReferrerClicks> referrers = this.jdbc.query("""
				SELECT nullif(referrer, '') AS referrer, sum(clicks) AS clicks FROM url_click_daily
				WHERE url_id = ? AND day >= ? GROUP BY referrer ORDER BY clicks DESC, referrer LIMIT ?""",
				(rs, n) -> new StatsResponse.ReferrerClicks(rs.getString("referrer"), rs.getLong("clicks")), urlId,
				since, TOP_REFERRERS);
		// The link's whole life: its daily rows, one per day and referrer it was clicked on.
		Total total = this.jdbc.queryForObject(
				"SELECT coalesce(sum(clicks), 0) AS clicks, max(last_click_at) AS last FROM url_click_daily WHERE url_id = ?",
				(rs, n) -> new Total(rs.getLong("clicks"),
						(rs.getTimestamp("last") != null) ? rs.getTimestamp("last").toInstant() : null),
				urlId);
		long recent = byDay.stream().mapToLong(StatsResponse.DayClicks::clicks).sum();
		return new StatsResponse(urlId, url.shortCode(), recent, total.clicks(), total.lastClickAt(), byDay,
				referrers);
	}

	private record Total(long clicks, Instant lastClickAt) {
	}

}
