package dev.kurz.analytics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes one batch of clicks: the click events themselves, streamed with PostgreSQL's
 * {@code COPY}, plus the per-link and per-day counters that keep totals cheap to read however
 * many events pile up. All in one transaction: a batch is written whole or not at all.
 */
@Component
class ClickStore {

	static final String COPY_EVENTS = "COPY events (url_id, event_type, timestamp, details) FROM STDIN";

	private final JdbcTemplate jdbc;

	private final ClientHasher hasher;

	ClickStore(JdbcTemplate jdbc, ClientHasher hasher) {
		this.jdbc = jdbc;
		this.hasher = hasher;
	}

	@Transactional
	public void save(List<Click> clicks) {
		byte[] rows = copyRows(clicks);
		this.jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			try {
				return connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn(COPY_EVENTS, new ByteArrayInputStream(rows));
			}
			catch (IOException ex) {
				throw new IllegalStateException("COPY of clicks failed", ex);
			}
		});
		Map<Long, List<Click>> byUrl = clicks.stream().collect(Collectors.groupingBy(Click::urlId));
		List<Object[]> totals = byUrl.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((e) -> new Object[] { e.getKey(), e.getValue().size(),
					Timestamp.from(e.getValue().stream().map(Click::at).max(Comparator.naturalOrder()).get()) })
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
			.sorted(Map.Entry.comparingByKey(Comparator.comparing((List<Object> k) -> (Long) k.get(0))
				.thenComparing((k) -> k.get(1).toString())
				.thenComparing((k) -> k.get(2).toString())))
			.map((e) -> new Object[] { e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue() })
			.toList();
		this.jdbc.batchUpdate("""
				INSERT INTO url_click_daily (url_id, day, referrer, clicks) VALUES (?, ?, ?, ?)
				ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = url_click_daily.clicks + EXCLUDED.clicks""",
				days);
	}

	/** The batch in COPY's text format: one line per click, tab-separated columns. */
	private byte[] copyRows(List<Click> clicks) {
		// One client usually clicks many times in a batch: its HMAC is computed once.
		Map<String, String> hashes = new HashMap<>();
		StringBuilder rows = new StringBuilder(clicks.size() * 256);
		StringBuilder details = new StringBuilder(256);
		for (Click click : clicks) {
			details.setLength(0);
			details.append("{\"short_code\":");
			json(details, click.shortCode());
			details.append(",\"referrer\":");
			json(details, click.referrer());
			details.append(",\"user_agent\":");
			json(details, click.userAgent());
			details.append(",\"client_hash\":");
			json(details, hashes.computeIfAbsent(click.clientAddress(), this.hasher::hash));
			details.append('}');
			rows.append(click.urlId()).append("\tclick\t").append(click.at()).append('\t');
			copyText(rows, details);
			rows.append('\n');
		}
		return rows.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void json(StringBuilder out, String value) {
		if (value == null) {
			out.append("null");
			return;
		}
		out.append('"');
		JsonStringEncoder.getInstance().quoteAsString(value, out);
		out.append('"');
	}

	/** COPY text format: backslash and the column and row separators are escaped. */
	static void copyText(StringBuilder out, CharSequence value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
	}

	private static String referrer(Click click) {
		return (click.referrer() != null) ? click.referrer() : "";
	}

}
