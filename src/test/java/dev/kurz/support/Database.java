package dev.kurz.support;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties every application table between tests; the schema and its history stay. */
public final class Database {

	private Database() {
	}

	public static void reset(JdbcTemplate jdbc) {
		List<String> tables = jdbc.queryForList(
				"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'",
				String.class);
		if (!tables.isEmpty()) {
			jdbc.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
		}
		// The click rollup's one row, as the migration leaves it on an empty database.
		jdbc.update("INSERT INTO click_rollup (last_event_id) VALUES (0)");
	}

}
