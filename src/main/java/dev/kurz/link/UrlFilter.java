package dev.kurz.link;

import java.util.ArrayList;
import java.util.List;

import dev.kurz.shared.Caller;

/**
 * The filters of {@code GET /urls}; deleted links never match. {@code owner}, when set,
 * limits the list to one user's links whatever the other filters say.
 */
record UrlFilter(Long userId, Boolean active, Long owner) {

	UrlFilter(Long userId, Boolean active) {
		this(userId, active, null);
	}

	/** The links of this filter that {@code caller} may see. */
	UrlFilter visibleTo(Caller caller) {
		return caller.unrestricted() ? this : new UrlFilter(this.userId, this.active, caller.scope());
	}

	String where() {
		StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
		if (this.owner != null) {
			where.append(" AND user_id = ?");
		}
		if (this.userId != null) {
			where.append(" AND user_id = ?");
		}
		if (this.active != null) {
			where.append(" AND is_active = ?");
		}
		return where.toString();
	}

	Object[] args() {
		List<Object> args = new ArrayList<>();
		if (this.owner != null) {
			args.add(this.owner);
		}
		if (this.userId != null) {
			args.add(this.userId);
		}
		if (this.active != null) {
			args.add(this.active);
		}
		return args.toArray();
	}

}
