package dev.kurz.link;

import java.util.ArrayList;
import java.util.List;

/** The filters of {@code GET /urls}; deleted links never match. */
record UrlFilter(Long userId, Boolean active) {

	String where() {
		StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
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
		if (this.userId != null) {
			args.add(this.userId);
		}
		if (this.active != null) {
			args.add(this.active);
		}
		return args.toArray();
	}

}
