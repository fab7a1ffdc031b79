package dev.kurz.link;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;

/**
 * The rules a link sets for its redirects, and what a redirect answers under them. Pure:
 * the caller supplies the time and, for a capped link, the number the click drew from an
 * atomic counter. A redirect of a link with rules goes:
 *
 * <pre>
 * if (rules.isExpiredAt(now)) answer rules.refusal(EXPIRED)           // no click counted
 * if (rules.isCapped() &amp;&amp; !rules.admits(counter.incrementAndGet()))
 *     answer rules.refusal(EXHAUSTED)                                  // no click counted
 * answer rules.redirect(target.location(), request.getQueryString())
 * </pre>
 *
 * @param expiresAt from this instant on the link no longer redirects to its target; null
 * for never
 * @param expiredUrl where an expired or exhausted link sends visitors (302); null for a
 * 404
 * @param maxClicks how many clicks are counted before the link is exhausted; null for no
 * cap
 * @param redirectType the status of a redirect to the target: 301, 302, 307 or 308
 * @param forwardQuery whether the short URL's query string is added to the target's
 */
public record RedirectRules(Instant expiresAt, String expiredUrl, Long maxClicks, int redirectType,
		boolean forwardQuery) {

	public static final int DEFAULT_REDIRECT_TYPE = 302;

	/** The columns of {@code urls} that {@link #fromRow} reads. */
	static final String COLUMNS = "expires_at, expired_url, max_clicks, redirect_type, forward_query";

	/** The statuses a link may redirect with. */
	public static final Set<Integer> REDIRECT_TYPES = Set.of(301, 302, 307, 308);

	/** A link without rules: redirects with 302 forever, ignoring the query string. */
	public static final RedirectRules NONE = new RedirectRules(null, null, null, DEFAULT_REDIRECT_TYPE, false);

	public RedirectRules {
		if (!REDIRECT_TYPES.contains(redirectType)) {
			throw new IllegalArgumentException("redirect type " + redirectType + " is not one of " + REDIRECT_TYPES);
		}
		if (maxClicks != null && maxClicks < 1) {
			throw new IllegalArgumentException("max clicks must be positive");
		}
	}

	/** The rules of a row holding {@link #COLUMNS}; {@link #NONE} when it sets none. */
	static RedirectRules fromRow(ResultSet rs) throws SQLException {
		Timestamp expiresAt = rs.getTimestamp("expires_at");
		RedirectRules rules = new RedirectRules((expiresAt != null) ? expiresAt.toInstant() : null,
				rs.getString("expired_url"), rs.getObject("max_clicks", Long.class), rs.getInt("redirect_type"),
				rs.getBoolean("forward_query"));
		return rules.isPlain() ? NONE : rules;
	}

	/** Why a link no longer redirects to its target. */
	public enum Refusal {

		EXPIRED("has expired"), EXHAUSTED("has reached its click limit");

		private final String reason;

		Refusal(String reason) {
			this.reason = reason;
		}

		/** Reads after the link's name: "short code 'abc' has expired". */
		public String reason() {
			return this.reason;
		}

	}

	/**
	 * What a redirect answers.
	 *
	 * @param status the HTTP status: a redirect status, or 404
	 * @param location the {@code Location} of a redirect; null with 404
	 * @param refusal why the link did not go to its target; null when it did
	 */
	public record Answer(int status, String location, Refusal refusal) {

		public boolean isRedirect() {
			return this.location != null;
		}

	}

	/** Whether the redirect path must do anything beyond a plain 302. */
	public boolean isPlain() {
		return this == NONE || equals(NONE);
	}

	/** Whether the link has expired at {@code now}: the expiry instant itself counts. */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/** Whether clicks must be counted atomically before answering. */
	public boolean isCapped() {
		return this.maxClicks != null;
	}

	/**
	 * Whether the click that drew {@code clickNumber} (1 for the first) from the link's
	 * counter may go to the target.
	 */
	public boolean admits(long clickNumber) {
		return this.maxClicks == null || clickNumber <= this.maxClicks;
	}

	/** The answer of a link that no longer goes to its target. */
	public Answer refusal(Refusal refusal) {
		String location = (this.expiredUrl != null) ? TargetUrl.location(this.expiredUrl) : null;
		return (location != null) ? new Answer(302, location, refusal) : new Answer(404, null, refusal);
	}

	/**
	 * The redirect to the target.
	 * @param location the target's URI form ({@link LinkTarget#location()})
	 * @param rawQuery the short URL's query string as received, without {@code ?}; null
	 * when it had none
	 */
	public Answer redirect(String location, String rawQuery) {
		String to = this.forwardQuery ? QueryForwarding.merge(location, rawQuery) : location;
		return new Answer(this.redirectType, to, null);
	}

}
