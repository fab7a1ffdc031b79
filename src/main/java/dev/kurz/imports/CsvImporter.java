package dev.kurz.imports;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.kurz.event.EventRules;
import dev.kurz.link.LinkChanged;
import dev.kurz.link.LinkColumns;
import dev.kurz.link.TargetRules;
import dev.kurz.shared.NulCharacters;
import dev.kurz.user.UserRules;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Bulk import of users, links and events in the seed files' format. Each file is imported
 * in one transaction; a row that cannot be imported (bad value, duplicate, unknown
 * reference) is skipped and counted, never half-written: each row is a single INSERT that
 * either lands whole or not at all ({@code ON CONFLICT DO NOTHING}, reference checks
 * inside the statement). Explicit ids are kept and the id sequences move past them.
 */
@Service
class CsvImporter {

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	private final ApplicationEventPublisher events;

	private final TargetRules targets;

	CsvImporter(JdbcTemplate jdbc, ObjectMapper mapper, ApplicationEventPublisher events, TargetRules targets) {
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.events = events;
		this.targets = targets;
	}

	@Transactional
	ImportResult importUsers(InputStream csv) {
		List<CSVRecord> rows = CsvRows.read(csv, Set.of("username", "email"));
		List<Object[]> valid = new ArrayList<>();
		for (CSVRecord row : rows) {
			try {
				String username = CsvRows.text(row, "username");
				String email = CsvRows.text(row, "email");
				if (username == null || UserRules.usernameProblem(username) != null || email == null
						|| UserRules.emailProblem(email) != null) {
					continue;
				}
				valid.add(new Object[] { CsvRows.id(row, "id"), username, email,
						timestamp(CsvRows.timestamp(row, "created_at")) });
			}
			catch (IllegalArgumentException | DateTimeException ex) {
				// skipped and counted below
			}
		}
		int imported = insert("""
				INSERT INTO users (id, username, email, created_at)
				SELECT coalesce(?::bigint, nextval(pg_get_serial_sequence('users', 'id'))), ?, ?, ?::timestamptz
				ON CONFLICT DO NOTHING""", valid);
		moveSequencePast("users");
		return result(rows.size(), imported);
	}

	@Transactional
	ImportResult importUrls(InputStream csv) {
		List<CSVRecord> rows = CsvRows.read(csv, LinkColumns.REQUIRED);
		List<Object[]> valid = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		Instant now = Instant.now();
		for (CSVRecord row : rows) {
			try {
				UrlRow url = UrlRow.read(row, this.targets, now);
				if (url != null) {
					valid.add(url.insertArguments());
					codes.add(url.shortCode());
				}
			}
			catch (IllegalArgumentException | DateTimeException ex) {
				// skipped and counted below
			}
		}
		int imported = insert(UrlRow.INSERT, valid);
		moveSequencePast("urls");
		// Codes that were unknown until now may sit in a negative cache. Their ids named
		// no row before, and only rows are cached by id.
		codes.forEach((code) -> this.events.publishEvent(new LinkChanged(code, 0)));
		return result(rows.size(), imported);
	}

	@Transactional
	ImportResult importEvents(InputStream csv) {
		List<CSVRecord> rows = CsvRows.read(csv, Set.of("url_id", "event_type"));
		List<Object[]> valid = new ArrayList<>();
		for (CSVRecord row : rows) {
			try {
				Long urlId = CsvRows.id(row, "url_id");
				String type = CsvRows.text(row, "event_type");
				String details = details(CsvRows.text(row, "details"));
				if (urlId == null || type == null || EventRules.typeProblem(type) != null || details == null) {
					continue;
				}
				valid.add(new Object[] { CsvRows.id(row, "id"), urlId, CsvRows.id(row, "user_id"), type,
						timestamp(CsvRows.timestamp(row, "timestamp")), details, urlId });
			}
			catch (IllegalArgumentException | DateTimeException ex) {
				// skipped and counted below
			}
		}
		int imported = insert("""
				INSERT INTO events (id, url_id, user_id, event_type, timestamp, details)
				SELECT coalesce(?::bigint, nextval(pg_get_serial_sequence('events', 'id'))), ?::bigint, ?::bigint, ?,
				  ?::timestamptz, ?::jsonb
				WHERE EXISTS (SELECT 1 FROM urls WHERE id = ?::bigint)
				ON CONFLICT DO NOTHING""", valid);
		moveSequencePast("events");
		return result(rows.size(), imported);
	}

	/** The details column must hold a JSON object; anything else skips the row. */
	private String details(String value) {
		if (value == null) {
			return "{}";
		}
		try {
			JsonNode node = this.mapper.readTree(value);
			return (node != null && node.isObject() && !NulCharacters.in(node)) ? node.toString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private int insert(String sql, List<Object[]> rows) {
		int imported = 0;
		for (int count : this.jdbc.batchUpdate(sql, rows)) {
			imported += (count > 0) ? 1 : 0;
		}
		return imported;
	}

	private void moveSequencePast(String table) {
		this.jdbc.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
				+ "GREATEST((SELECT coalesce(max(id), 0) FROM " + table + "), 1))");
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from((instant != null) ? instant : Instant.now());
	}

	private static ImportResult result(int rows, int imported) {
		return (rows == 0) ? ImportResult.empty() : ImportResult.of(imported, rows - imported);
	}

}
