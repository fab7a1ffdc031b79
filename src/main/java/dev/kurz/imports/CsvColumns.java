package dev.kurz.imports;

import java.util.List;

import dev.kurz.link.LinkColumns;

/**
 * The columns of the three CSV files, in the seed files' order: the header that the
 * exports write, and the columns that the imports read by name. Each column is named as
 * the table column it holds, so that an export selects exactly these columns. A link's
 * columns are the link feature's own list, rule columns included.
 */
final class CsvColumns {

	static final List<String> USERS = List.of("id", "username", "email", "created_at");

	static final List<String> URLS = LinkColumns.ALL;

	static final List<String> EVENTS = List.of("id", "url_id", "user_id", "event_type", "timestamp", "details");

	private CsvColumns() {
	}

}
