package dev.kurz.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of {@code GET /events}, rendered as a parameterised WHERE clause. A type other than
 * {@code click} also gets the literal condition of the indexes that leave clicks out (see the V3
 * migration), so that PostgreSQL can use them even in a generic plan, where the type is a parameter.
 */
record EventFilter(Long urlId, Long userId, String eventType) {

	private static final String CLICK = "click";

	String where() {
		List<String> clauses = new ArrayList<>();
		if (this.urlId != null) {
			clauses.add("url_id = ?");
		}
		if (this.userId != null) {
			clauses.add("user_id = ?");
		}
		if (this.eventType != null) {
			clauses.add("event_type = ?");
			if (!CLICK.equals(this.eventType)) {
				clauses.add("event_type <> '" + CLICK + "'");
			}
		}
		return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
	}

	Object[] args() {
		List<Object> args = new ArrayList<>();
		if (this.urlId != null) {
			args.add(this.urlId);
		}
		if (this.userId != null) {
			args.add(this.userId);
		}
		if (this.eventType != null) {
			args.add(this.eventType);
		}
		return args.toArray();
	}

}
