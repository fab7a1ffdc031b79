package dev.kurz.imports;

import java.util.List;

import dev.kurz.support.Api;
import dev.kurz.support.Database;
import dev.kurz.support.HttpTest;
import dev.kurz.support.SeedFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTests extends HttpTest {

	private static final String URL_ROWS = "SELECT id, user_id, short_code, original_url, title, is_active, "
			+ "created_at, updated_at FROM urls ORDER BY id";

	private static final String EVENT_ROWS = "SELECT id, url_id, user_id, event_type, timestamp, details::text "
			+ "FROM events ORDER BY id";

	@BeforeEach
	void importSeed() {
		assertThat(this.api.upload("/users/bulk", "file", SeedFiles.text("users.csv")).status()).isEqualTo(201);
		assertThat(this.api.upload("/urls/bulk", "file", SeedFiles.text("urls.csv")).status()).isEqualTo(201);
		assertThat(this.api.upload("/events/bulk", "file", SeedFiles.text("events.csv")).status()).isEqualTo(201);
	}

	@Test
	void exportThenImportIntoAnEmptyDatabaseGivesTheSameRows() {
		// Microseconds and a link of no user, which the seed files do not have.
		this.jdbc.update("UPDATE urls SET created_at = created_at + interval '123456 microseconds', user_id = NULL "
				+ "WHERE id = (SELECT min(id) FROM urls)");
		List<List<Object>> urls = rows(URL_ROWS);
		List<List<Object>> events = rows(EVENT_ROWS);
		Api.Response urlCsv = this.api.get("/urls/export.csv");
		Api.Response eventCsv = this.api.get("/events/export.csv");
		assertThat(urlCsv.status()).isEqualTo(200);
		assertThat(urlCsv.header("Content-Type")).startsWith("text/csv");
		assertThat(urlCsv.body()).startsWith(String.join(",", CsvColumns.URLS) + "\n");
		assertThat(eventCsv.body()).startsWith(String.join(",", CsvColumns.EVENTS) + "\n");

		Database.reset(this.jdbc);
		this.api.upload("/users/bulk", "file", SeedFiles.text("users.csv"));
		Api.Response urlImport = this.api.upload("/urls/bulk", "file", urlCsv.body());
		Api.Response eventImport = this.api.upload("/events/bulk", "file", eventCsv.body());

		assertThat(urlImport.json().get("skipped").intValue()).as(urlImport.body()).isZero();
		assertThat(eventImport.json().get("skipped").intValue()).as(eventImport.body()).isZero();
		assertThat(rows(URL_ROWS)).isEqualTo(urls);
		assertThat(rows(EVENT_ROWS)).isEqualTo(events);
	}

	@Test
	void exportAppliesTheListFilters() {
		long userId = this.jdbc.queryForObject("SELECT user_id FROM urls WHERE user_id IS NOT NULL LIMIT 1",
				Long.class);
		long links = this.jdbc.queryForObject("SELECT count(*) FROM urls WHERE user_id = ? AND NOT is_active",
				Long.class, userId);
		long urlId = this.jdbc.queryForObject("SELECT min(url_id) FROM events", Long.class);
		long created = this.jdbc.queryForObject(
				"SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'created'", Long.class, urlId);

		Api.Response urls = this.api.get("/urls/export.csv?user_id=" + userId + "&is_active=false");
		Api.Response events = this.api.get("/events/export.csv?url_id=" + urlId + "&event_type=created");

		assertThat(urls.body().lines().skip(1)).hasSize((int) links)
			.allSatisfy((line) -> assertThat(line.split(",")[1]).isEqualTo(Long.toString(userId)));
		assertThat(events.body().lines().skip(1)).hasSize((int) created);
	}

	@Test
	void exportWithABadFilterIs422() {
		assertInvalid(this.api.get("/urls/export.csv?user_id=abc"), "user_id");
		assertInvalid(this.api.get("/events/export.csv?event_type=%00"), "event_type");
	}

	private List<List<Object>> rows(String sql) {
		return this.jdbc.query(sql, (rs, n) -> {
			List<Object> row = new java.util.ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				row.add(rs.getObject(i));
			}
			return row;
		});
	}

}
