package dev.kurz.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.kurz.shared.Caller;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes links and events as CSV in the format {@link CsvImporter} reads, row by row from
 * a server-side cursor (the JDBC fetch size, inside a read-only transaction), so that an
 * export of millions of rows needs no more memory than one of ten. Values are written as
 * the seed files write them: {@code True}/{@code False}, timestamps in UTC as
 * {@code yyyy-MM-dd HH:mm:ss} with the microseconds when there are any.
 */
@Service
class CsvExporter {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
		.withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	CsvExporter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Live links (not deleted) in id order; a restricted caller's own links only.
	 */
	void urls(Caller caller, Long userId, Boolean active, OutputStream out) {
		StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
		List<Object> args = new ArrayList<>();
		if (!caller.unrestricted()) {
			where.append(" AND user_id = ?");
			args.add(caller.scope());
		}
		if (userId != null) {
			where.append(" AND user_id = ?");
			args.add(userId);
		}
		if (active != null) {
			where.append(" AND is_active = ?");
			args.add(active);
		}
		write(CsvColumns.URLS, "urls", where.toString(), args, out);
	}

	/**
	 * Events in id order; a restricted caller's only those of its own links, deleted ones
	 * included, as {@code GET /events} shows them.
	 */
	void events(Caller caller, Long urlId, Long userId, String eventType, OutputStream out) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (!caller.unrestricted()) {
			where.append(" AND url_id IN (SELECT id FROM urls WHERE user_id = ?)");
			args.add(caller.scope());
		}
		if (urlId != null) {
			where.append(" AND url_id = ?");
			args.add(urlId);
		}
		if (userId != null) {
			where.append(" AND user_id = ?");
			args.add(userId);
		}
		if (eventType != null) {
			where.append(" AND event_type = ?");
			args.add(eventType);
		}
		write(CsvColumns.EVENTS, "events", where.toString(), args, out);
	}

	private void write(List<String> columns, String table, String where, List<Object> args, OutputStream out) {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader(columns.toArray(String[]::new))
			.setRecordSeparator("\n")
			.get();
		String sql = "SELECT " + String.join(", ", columns) + " FROM " + table + where + " ORDER BY id";
		try (CSVPrinter printer = new CSVPrinter(
				new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024), format)) {
			Object[] values = new Object[columns.size()];
			this.readOnly.executeWithoutResult((status) -> this.jdbc.query(sql, (RowCallbackHandler) (rs) -> {
				for (int i = 0; i < values.length; i++) {
					values[i] = value(rs, i + 1);
				}
				print(printer, values);
			}, args.toArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void print(CSVPrinter printer, Object[] values) {
		try {
			printer.printRecord(values);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Object value(ResultSet rs, int column) throws SQLException {
		Object value = rs.getObject(column);
		if (value instanceof Boolean flag) {
			return flag ? "True" : "False";
		}
		if (value instanceof Timestamp timestamp) {
			return ((timestamp.getNanos() == 0) ? SECONDS : MICROS).format(timestamp.toInstant());
		}
		return (value != null) ? value.toString() : null;
	}

}
