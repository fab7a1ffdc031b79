package dev.kurz.event;

import java.util.ArrayList;
import java.util.List;

/** The filters of {@code GET /events}, rendered as a parameterised WHERE clause. */
record EventFilter(Long urlId, Long userId, String eventType) {

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
