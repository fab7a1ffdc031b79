package dev.kurz.event;

import java.util.ArrayList;
import java.util.List;

import dev.kurz.shared.Caller;

/**
 * The filters of {@code GET /events}, rendered as a parameterised WHERE clause. A type
 * other than {@code click} also gets the literal condition of the indexes that leave
 * clicks out (see the V3 migration), so that PostgreSQL can use them even in a generic
 * plan, where the type is a parameter. {@code owner}, when set, limits the events to
 * those of one user's links whatever the other filters say.
 */
record EventFilter(Long urlId, Long userId, String eventType, Long owner) {

	private static final String CLICK = "click";

	EventFilter(Long urlId, Long userId, String eventType) {
		this(urlId, userId, eventType, null);
	}

	/** The events of this filter that {@code caller} may see: those of its own links. */
	EventFilter visibleTo(Caller caller) {
		return caller.unrestricted() ? this : new EventFilter(this.urlId, this.userId, this.eventType, caller.scope());
	}

	String where() {
		List<String> clauses = clauses();
		return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
	}

	/** The conditions as a continuation of a WHERE clause, empty or starting with AND. */
	String and() {
		List<String> clauses = clauses();
		return clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses);
	}

	private List<String> clauses() {
		List<String> clauses = new ArrayList<>();
		if (this.owner != null) {
			// Deleted links included: their owner keeps their history.
			clauses.add("url_id IN (SELECT id FROM urls WHERE user_id = ?)");
		}
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
		return clauses;
	}

	Object[] args() {
		return argsAfter();
	}

	/**
	 * The arguments of the conditions, after {@code first} (those of the statement before
	 * them).
	 */
	Object[] argsAfter(Object... first) {
		List<Object> args = new ArrayList<>(List.of(first));
		if (this.owner != null) {
			args.add(this.owner);
		}
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
