package dev.kurz.analytics;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one batch of clicks: the click events themselves, plus the per-link and per-day counters
 * that keep totals cheap to read however many events pile up.
 */
@Component
class ClickStore {

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	private final ClientHasher hasher;

	ClickStore(JdbcTemplate jdbc, ObjectMapper mapper, ClientHasher hasher) {
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.hasher = hasher;
	}

	@Transactional
	public void save(List<Click> clicks) {
		this.jdbc.batchUpdate(
				"INSERT INTO events (url_id, event_type, timestamp, details) VALUES (?, 'click', ?, ?::jsonb)", clicks,
				clicks.size(), (ps, click) -> {
					ps.setLong(1, click.urlId());
					ps.setTimestamp(2, Timestamp.from(click.at()));
					ps.setString(3, details(click));
				});
		Map<Long, List<Click>> byUrl = clicks.stream().collect(Collectors.groupingBy(Click::urlId));
		List<Object[]> totals = byUrl.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((e) -> new Object[] { e.getKey(), e.getValue().size(),
					Timestamp.from(e.getValue().stream().map(Click::at).max(java.util.Comparator.naturalOrder()).get()) })
			.toList();
		// Sorted keys: concurrent writers (several replicas) lock counter rows in one order.
		this.jdbc.batchUpdate("""
				INSERT INTO url_click_totals (url_id, clicks, last_click_at) VALUES (?, ?, ?)
				ON CONFLICT (url_id) DO UPDATE SET clicks = url_click_totals.clicks + EXCLUDED.clicks,
				  last_click_at = GREATEST(url_click_totals.last_click_at, EXCLUDED.last_click_at)""", totals);
		Map<List<Object>, Long> daily = clicks.stream()
			.collect(Collectors.groupingBy(
					(c) -> List.of(c.urlId(), c.at().atOffset(ZoneOffset.UTC).toLocalDate(), referrer(c)),
					Collectors.counting()));
		List<Object[]> days = daily.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing((List<Object> k) -> (Long) k.get(0))
				.thenComparing((k) -> k.get(1).toString())
				.thenComparing((k) -> k.get(2).toString())))
			.map((e) -> new Object[] { e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue() })
			.toList();
		this.jdbc.batchUpdate("""
				INSERT INTO url_click_daily (url_id, day, referrer, clicks) VALUES (?, ?, ?, ?)
				ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = url_click_daily.clicks + EXCLUDED.clicks""",
				days);
	}

	private static String referrer(Click click) {
		return (click.referrer() != null) ? click.referrer() : "";
	}

	private String details(Click click) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("short_code", click.shortCode());
		node.put("referrer", click.referrer());
		node.put("user_agent", click.userAgent());
		node.put("client_hash", this.hasher.hash(click.clientAddress()));
		return node.toString();
	}

}
