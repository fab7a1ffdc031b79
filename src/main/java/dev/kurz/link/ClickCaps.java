package dev.kurz.link;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The click counters of capped links, in PostgreSQL. One conditional {@code UPDATE} both
 * checks and counts, so the row lock orders the clicks of every replica and no more than
 * {@code max_clicks} are ever admitted. Uncapped links never come here.
 */
@Component
public class ClickCaps {

	private final JdbcTemplate jdbc;

	ClickCaps(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one click of a capped link if its cap allows it. A refused click writes
	 * nothing.
	 * @return whether the click was admitted
	 */
	public boolean admit(long linkId) {
		return this.jdbc.update(
				"UPDATE urls SET counted_clicks = counted_clicks + 1 WHERE id = ? AND counted_clicks < max_clicks",
				linkId) == 1;
	}

	/** Whether a capped link has no click left, counting none (for {@code HEAD}). */
	public boolean isExhausted(long linkId) {
		return Boolean.TRUE.equals(this.jdbc.query("SELECT counted_clicks >= max_clicks FROM urls WHERE id = ?",
				(rs) -> rs.next() && rs.getBoolean(1), linkId));
	}

	/** A cap set on a link that had none counts the clicks already stored. */
	void startCounting(long linkId) {
		this.jdbc.update(
				"UPDATE urls SET counted_clicks = "
						+ "(SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click') WHERE id = ?",
				linkId, linkId);
	}

}
