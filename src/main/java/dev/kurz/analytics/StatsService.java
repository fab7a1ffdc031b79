package dev.kurz.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.kurz.link.LinkService;
import dev.kurz.link.UrlResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class StatsService {

	static final int DAYS = 30;

	static final int TOP_REFERRERS = 10;

	private final LinkService links;

	private final ClickRecorder clicks;

	/**
	 * A link's clicks, one row per day and referrer: its counters, plus its click events
	 * the last rollup has not added yet (found through events_url_id_idx). Parameters:
	 * the link id, twice.
	 */
	private static final String CLICKS = """
			WITH clicks AS (
			  SELECT day, referrer, clicks, bot_clicks, last_click_at FROM url_click_daily WHERE url_id = ?
			  UNION ALL
			  SELECT %s, %s, 1, CASE WHEN %s THEN 1 ELSE 0 END, timestamp FROM events
			  WHERE url_id = ? AND id > (SELECT last_event_id FROM click_rollup) AND %s)
			""".formatted(ClickRollup.DAY, ClickRollup.REFERRER, ClickRollup.BOT, ClickRollup.COUNTED);

	/**
	 * The distinct clients of a link's click events since a day: its events from the
	 * first id of that day or later (or, when the counters hold none of those days yet,
	 * from the watermark) through events_url_id_idx, so the cost is the link's clicks in
	 * the window. Parameters: the link id, the day, the day.
	 */
	private static final String VISITORS = """
			SELECT count(DISTINCT details->>'client_hash') FROM events
			WHERE url_id = ? AND id >= LEAST(
			    (SELECT min(first_event_id) FROM click_days WHERE day >= ?),
			    (SELECT last_event_id + 1 FROM click_rollup))
			  AND %s AND %s >= ?""".formatted(ClickRollup.COUNTED, ClickRollup.DAY);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate snapshot;

	StatsService(LinkService links, ClickRecorder clicks, JdbcTemplate jdbc,
			PlatformTransactionManager transactionManager) {
		this.links = links;
		this.clicks = clicks;
		this.jdbc = jdbc;
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
	}

	/**
	 * Read-your-clicks: this replica's buffered clicks are written first. No transaction
	 * around it, so no connection is held while the flush waits. The four reads then
	 * share one snapshot, so a rollup committing between them cannot count a click twice
	 * or not at all.
	 */
	StatsResponse stats(long urlId) {
		UrlResponse url = this.links.get(urlId);
		this.clicks.flush();
		LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
		return this.snapshot.execute((status) -> read(urlId, url.shortCode(), since));
	}

	private StatsResponse read(long urlId, String shortCode, LocalDate since) {
		List<StatsResponse.DayClicks> byDay = this.jdbc.query(CLICKS + """
				SELECT day, sum(clicks) AS clicks, sum(bot_clicks) AS bots FROM clicks
				WHERE day >= ? GROUP BY day ORDER BY day""",
				(rs, n) -> new StatsResponse.DayClicks(rs.getObject("day", LocalDate.class), rs.getLong("clicks"),
						rs.getLong("clicks") - rs.getLong("bots"), rs.getLong("bots")),
				urlId, urlId, since);
		List<StatsResponse.ReferrerClicks> referrers = this.jdbc.query(CLICKS + """
				SELECT nullif(referrer, '') AS referrer, sum(clicks) AS clicks FROM clicks
				WHERE day >= ? GROUP BY referrer ORDER BY clicks DESC, referrer LIMIT ?""",
				(rs, n) -> new StatsResponse.ReferrerClicks(rs.getString("referrer"), rs.getLong("clicks")), urlId,
				urlId, since, TOP_REFERRERS);
		// The link's whole life: its daily rows, one per day and referrer it was clicked
		// on.
		Total total = this.jdbc
			.queryForObject(
					CLICKS + "SELECT coalesce(sum(clicks), 0) AS clicks, max(last_click_at) AS last FROM clicks",
					(rs, n) -> new Total(rs.getLong("clicks"),
							(rs.getTimestamp("last") != null) ? rs.getTimestamp("last").toInstant() : null),
					urlId, urlId);
		Long visitors = this.jdbc.queryForObject(VISITORS, Long.class, urlId, since, since);
		long recent = byDay.stream().mapToLong(StatsResponse.DayClicks::clicks).sum();
		long bots = byDay.stream().mapToLong(StatsResponse.DayClicks::botClicks).sum();
		return new StatsResponse(urlId, shortCode, recent, recent - bots, bots, (visitors != null) ? visitors : 0,
				total.clicks(), total.lastClickAt(), byDay, referrers);
	}

	private record Total(long clicks, Instant lastClickAt) {
	}

}
