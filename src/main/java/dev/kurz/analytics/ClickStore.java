package dev.kurz.analytics;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes one batch of clicks, the click events themselves, in one transaction: a batch is
 * written whole or not at all, and at most once (its id in {@code click_batches}, see
 * {@link #save(ClickBatch)}). A batch of up to {@value #ONE_STATEMENT} clicks is one
 * statement in autocommit, a single round trip to PostgreSQL with the commit included: a
 * redirect waiting for its click's commit waits for that one round trip and the batches
 * ahead of it. A larger batch is streamed with PostgreSQL's {@code COPY}, in pieces. The
 * per-link counters that keep totals cheap to read are not touched here:
 * {@link ClickRollup} adds the events to them later, many at a time.
 */
@Component
class ClickStore {

	/**
	 * Most clicks written by the one statement; a larger batch goes through {@code COPY},
	 * whose pieces stay small (the statement's parameters are one array each).
	 */
	static final int ONE_STATEMENT = 256;

	/** Batch ids taken from the sequence in one round trip. */
	static final int IDS_PER_FETCH = 100;

	private static final String TAKE_IDS = "SELECT nextval(pg_get_serial_sequence('click_batches', 'id')) FROM generate_series(1, "
			+ IDS_PER_FETCH + ")";

	/**
	 * Takes the writers' lock and inserts the batch's id, unless it is there: then an
	 * earlier attempt committed, and the statement writes nothing. The lock comes first:
	 * the statement's one row is the lock function's, and the events read the batch's row
	 * before they take their ids.
	 */
	private static final String BATCH_ROW = "INSERT INTO click_batches (id) SELECT ? FROM pg_advisory_xact_lock_shared("
			+ ClickRollup.WRITERS_LOCK + ") AS writers ON CONFLICT DO NOTHING RETURNING id";

	/**
	 * The batch's row and its events in one statement. The times travel as microseconds
	 * since the epoch, which PostgreSQL adds up exactly.
	 */
	private static final String INSERT_EVENTS = "WITH batch AS (" + BATCH_ROW + ") "
			+ "INSERT INTO events (url_id, event_type, timestamp, details) "
			+ "SELECT click.url_id, 'click', timestamptz 'epoch' + click.micros * interval '1 microsecond', click.details::jsonb "
			+ "FROM batch, unnest(?::bigint[], ?::bigint[], ?::text[]) AS click (url_id, micros, details)";

	private static final String COPY_EVENTS = "COPY events (url_id, event_type, timestamp, details) FROM STDIN";

	private static final int PIECE_CHARS = 32 * 1024;

	/**
	 * The whole seconds of a click time; microseconds and the zone are appended per
	 * click.
	 */
	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final ClientHasher hasher;

	private final BotDetector bots;

	/**
	 * Batch ids taken from the sequence and not yet given to a batch. Guarded by itself.
	 */
	private final ArrayDeque<Long> ids = new ArrayDeque<>();

	ClickStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, ClientHasher hasher, BotDetector bots) {
		this.jdbc = jdbc;
		this.transaction = (transactions != null) ? new TransactionTemplate(transactions) : null;
		this.hasher = hasher;
		this.bots = bots;
	}

	/**
	 * Holds the writers' lock shared until the transaction ends, before its events take
	 * their ids: a rollup that takes the lock alone knows that every click event up to
	 * the largest id it then sees is committed or gone.
	 * <p>
	 * A batch takes its id before its first attempt, so that it knows the id when the
	 * answer to an attempt is lost. Every attempt inserts that id with the events; when
	 * the row exists, an earlier attempt committed (an insert of the same key waits for a
	 * transaction still open on a broken connection to end first). When the row exists
	 * although no earlier attempt sent the id, the sequence has started again (a table
	 * truncated or restored) under the ids taken before: those are dropped, and the batch
	 * takes a new one.
	 * @return false when the batch had already been written by an earlier attempt
	 */
	public boolean save(ClickBatch batch) {
		if (batch.id() == null) {
			batch.idTaken(nextId());
		}
		while (true) {
			boolean sentBefore = batch.sent();
			boolean written = (batch.size() <= ONE_STATEMENT) ? insert(batch) : copyInTransaction(batch);
			if (written || sentBefore) {
				return written;
			}
			synchronized (this.ids) {
				this.ids.clear();
			}
			batch.idTaken(nextId());
		}
	}

	private boolean copyInTransaction(ClickBatch batch) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			batch.sending();
			if (this.jdbc.queryForList(BATCH_ROW, Long.class, batch.id()).isEmpty()) {
				return false;
			}
			this.jdbc.execute((ConnectionCallback<Long>) (connection) -> copy(connection.unwrap(PGConnection.class),
					batch.clicks()));
			return true;
		}));
	}

	/**
	 * Ids come from the identity's sequence, {@value #IDS_PER_FETCH} at a time: they grow
	 * with time, as the pruning of old ids needs, give or take the blocks other replicas
	 * are still using.
	 */
	private long nextId() {
		synchronized (this.ids) {
			if (this.ids.isEmpty()) {
				this.ids.addAll(this.jdbc.queryForList(TAKE_IDS, Long.class));
			}
			return this.ids.removeFirst();
		}
	}

	private boolean insert(ClickBatch batch) {
		List<Click> clicks = batch.clicks();
		Long[] links = new Long[clicks.size()];
		Long[] micros = new Long[clicks.size()];
		String[] details = new String[clicks.size()];
		Map<String, String> hashes = new HashMap<>();
		StringBuilder json = new StringBuilder(256);
		for (int i = 0; i < clicks.size(); i++) {
			Click click = clicks.get(i);
			links[i] = click.urlId();
			Instant at = click.at();
			micros[i] = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
			json.setLength(0);
			details(json, click, hashes);
			details[i] = json.toString();
		}
		Integer written = this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENTS)) {
				statement.setLong(1, batch.id());
				statement.setArray(2, connection.createArrayOf("bigint", links));
				statement.setArray(3, connection.createArrayOf("bigint", micros));
				statement.setArray(4, connection.createArrayOf("text", details));
				batch.sending();
				return statement.executeUpdate();
			}
		});
		return written != null && written > 0;
	}

	/**
	 * The click's details as JSON: one client usually clicks many times in a batch, so
	 * its HMAC is computed once.
	 */
	private void details(StringBuilder out, Click click, Map<String, String> hashes) {
		out.append("{\"short_code\":");
		json(out, click.shortCode());
		out.append(",\"referrer\":");
		json(out, click.referrer());
		out.append(",\"user_agent\":");
		json(out, click.userAgent());
		out.append(",\"client_hash\":");
		json(out, hashes.computeIfAbsent(click.clientAddress(), this.hasher::hash));
		out.append(",\"bot\":").append(this.bots.isBot(click.userAgent()));
		out.append('}');
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
			Map<String, String> hashes = new HashMap<>();
			StringBuilder rows = new StringBuilder(PIECE_CHARS + 2048);
			StringBuilder json = new StringBuilder(256);
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
				rows.append("Z\t");
				json.setLength(0);
				details(json, click, hashes);
				copyText(rows, json);
				rows.append('\n');
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

	/** A JSON string. Most values need no escaping and are appended as they are. */
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
			JsonStringEncoder.getInstance().quoteAsString(value, out);
		}
		out.append('"');
	}

	/** Printable ASCII without quote or backslash: the same inside a JSON string. */
	private static boolean plain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	/**
	 * COPY text format: backslash and the column and row separators are escaped (JSON has
	 * only the backslash of these).
	 */
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
