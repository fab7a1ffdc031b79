package dev.kurz.analytics;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes one batch of clicks, the click events themselves, streamed with PostgreSQL's
 * {@code COPY} in one transaction: a batch is written whole or not at all, and at most
 * once (its id in {@code click_batches}, see {@link #save(ClickBatch)}). The per-link
 * counters that keep totals cheap to read are not touched here: {@link ClickRollup} adds
 * the events to them later, many at a time.
 */
@Component
class ClickStore {

	private static final String COPY_EVENTS = "COPY events (url_id, event_type, timestamp, details) FROM STDIN";

	/**
	 * Takes the writers' lock and a new batch id in one round trip. The lock comes first:
	 * the statement's one row is the lock function's.
	 */
	private static final String NEW_BATCH = "INSERT INTO click_batches (written_at) SELECT now() FROM pg_advisory_xact_lock_shared("
			+ ClickRollup.WRITERS_LOCK + ") AS writers RETURNING id";

	/** Takes the writers' lock and inserts the batch's id again, unless it is there. */
	private static final String RETRIED_BATCH = "INSERT INTO click_batches (id) SELECT ? FROM pg_advisory_xact_lock_shared("
			+ ClickRollup.WRITERS_LOCK + ") AS writers ON CONFLICT DO NOTHING RETURNING id";

	private static final int PIECE_CHARS = 32 * 1024;

	/**
	 * The whole seconds of a click time; microseconds and the zone are appended per
	 * click.
	 */
	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	private final ClientHasher hasher;

	private final BotDetector bots;

	ClickStore(JdbcTemplate jdbc, ClientHasher hasher, BotDetector bots) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.bots = bots;
	}

	/**
	 * Holds the writers' lock shared until the transaction ends, before its events take
	 * their ids: a rollup that takes the lock alone knows that every click event up to
	 * the largest id it then sees is committed or gone.
	 * <p>
	 * A first attempt takes a new batch id; a retry inserts the id it took before, and
	 * when that row exists the first attempt committed (an insert of the same key waits
	 * for a transaction still open on a broken connection to end first).
	 * @return false when the batch had already been written by an earlier attempt
	 */
	@Transactional
	public boolean save(ClickBatch batch) {
		if (batch.id() == null) {
			batch.idTaken(this.jdbc.queryForObject(NEW_BATCH, Long.class));
		}
		else if (this.jdbc.queryForList(RETRIED_BATCH, Long.class, batch.id()).isEmpty()) {
			return false;
		}
		this.jdbc.execute(
				(ConnectionCallback<Long>) (connection) -> copy(connection.unwrap(PGConnection.class), batch.clicks()));
		return true;
	}

	/**
	 * Sends the batch in COPY's text format, one line per click, tab-separated columns,
	 * in pieces of about {@value #PIECE_CHARS} characters. A whole batch in one array (a
	 * megabyte at 5,000 clicks) would be a humongous object for G1, and with a large link
	 * cache filling the old generation each humongous allocation starts a concurrent
	 * marking cycle.
	 */
	private long copy(PGConnection connection, List<Click> clicks) throws SQLException {
		CopyIn copy = connection.getCopyAPI().copyIn(COPY_EVENTS);
		try {
			// One client usually clicks many times in a batch: its HMAC is computed once.
			Map<String, String> hashes = new HashMap<>();
			StringBuilder rows = new StringBuilder(PIECE_CHARS + 2048);
			long second = Long.MIN_VALUE;
			String secondText = null;
			for (Click click : clicks) {
				Instant at = click.at();
				if (at.getEpochSecond() != second) {
					second = at.getEpochSecond();
					secondText = SECOND.format(at);
				}
				rows.append(click.urlId()).append("\tclick\t").append(secondText).append('.');
				appendMicros(rows, at.getNano() / 1000);
				rows.append("Z\t{\"short_code\":");
				json(rows, click.shortCode());
				rows.append(",\"referrer\":");
				json(rows, click.referrer());
				rows.append(",\"user_agent\":");
				json(rows, click.userAgent());
				rows.append(",\"client_hash\":");
				json(rows, hashes.computeIfAbsent(click.clientAddress(), this.hasher::hash));
				rows.append(",\"bot\":").append(this.bots.isBot(click.userAgent()));
				rows.append("}\n");
				if (rows.length() >= PIECE_CHARS) {
					send(copy, rows);
				}
			}
			send(copy, rows);
			return copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	private static void send(CopyIn copy, StringBuilder rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		rows.setLength(0);
	}

	private static void appendMicros(StringBuilder out, int micros) {
		for (int unit = 100_000; unit > 0; unit /= 10) {
			out.append((char) ('0' + (micros / unit) % 10));
		}
	}

	/**
	 * A JSON string inside a COPY text column. Most values need no escaping and are
	 * appended as they are; otherwise JSON escaping first, then COPY's (backslash, tab,
	 * newline, return).
	 */
	private static void json(StringBuilder out, String value) {
		if (value == null) {
			out.append("null");
			return;
		}
		out.append('"');
		if (plain(value)) {
			out.append(value);
		}
		else {
			StringBuilder quoted = new StringBuilder(value.length() + 16);
			JsonStringEncoder.getInstance().quoteAsString(value, quoted);
			copyText(out, quoted);
		}
		out.append('"');
	}

	/**
	 * Printable ASCII without quote or backslash: the same in JSON and in a COPY column.
	 */
	private static boolean plain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	/** COPY text format: backslash and the column and row separators are escaped. */
	private static void copyText(StringBuilder out, CharSequence value) {
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

}
