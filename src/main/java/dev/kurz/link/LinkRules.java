package dev.kurz.link;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.kurz.shared.NulCharacters;
import dev.kurz.shared.JsonBody;

/** Field rules of a link, wherever one comes in: create, update and CSV import. */
public final class LinkRules {

	static final int MAX_TITLE = 500;

	/** The last instant every client and PostgreSQL write the same way. */
	static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999999Z");

	private LinkRules() {
	}

	static String url(JsonBody body, String field, String value, TargetRules targets) {
		if (value != null) {
			String problem = targets.problemWith(value);
			if (problem != null) {
				body.reject(field, problem);
			}
		}
		return value;
	}

	/** Why {@code title} is not acceptable, or null; no title is acceptable. */
	public static String titleProblem(String title) {
		if (title != null && title.length() > MAX_TITLE) {
			return "must be at most " + MAX_TITLE + " characters";
		}
		if (NulCharacters.in(title)) {
			return "must not contain NUL characters";
		}
		return null;
	}

	static String title(JsonBody body, String value) {
		String problem = titleProblem(value);
		if (problem != null) {
			body.reject("title", problem);
		}
		return value;
	}

	static ShortCode customCode(JsonBody body, String value) {
		if (value == null) {
			return null;
		}
		String problem = ShortCode.problemWith(value);
		if (problem != null) {
			body.reject("short_code", problem);
			return null;
		}
		return new ShortCode(value);
	}

	/**
	 * An ISO-8601 instant with an offset ({@code 2030-01-01T00:00:00Z}) after
	 * {@code now}, to the microsecond PostgreSQL keeps; null stays null.
	 */
	static Instant expiresAt(JsonBody body, String value, Instant now) {
		if (value == null) {
			return null;
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			body.reject(RuleFields.EXPIRES_AT, "must be an ISO-8601 instant with an offset, like 2030-01-01T00:00:00Z");
			return null;
		}
		String problem = expiresAtProblem(instant);
		if (problem == null && !instant.isAfter(now)) {
			problem = "must be in the future";
		}
		if (problem != null) {
			body.reject(RuleFields.EXPIRES_AT, problem);
			return null;
		}
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Why {@code expiresAt} cannot be stored, or null. Whether it lies in the future is
	 * the API's rule, not the import's: an imported link may have expired already.
	 */
	public static String expiresAtProblem(Instant expiresAt) {
		if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
			return "must be before the year 10000";
		}
		return null;
	}

	/** Why {@code maxClicks} is not acceptable, or null; no cap is acceptable. */
	public static String maxClicksProblem(Long maxClicks) {
		return (maxClicks != null && maxClicks < 1) ? "must be a positive integer" : null;
	}

	static Long maxClicks(JsonBody body, Long value) {
		String problem = maxClicksProblem(value);
		if (problem != null) {
			body.reject(RuleFields.MAX_CLICKS, problem);
			return null;
		}
		return value;
	}

	/** Why {@code redirectType} is not acceptable, or null; none means the default. */
	public static String redirectTypeProblem(Long redirectType) {
		if (redirectType == null
				|| RedirectRules.REDIRECT_TYPES.stream().anyMatch((type) -> type.longValue() == redirectType)) {
			return null;
		}
		return "must be one of 301, 302, 307, 308";
	}

	static Integer redirectType(JsonBody body, Long value) {
		String problem = redirectTypeProblem(value);
		if (problem != null) {
			body.reject(RuleFields.REDIRECT_TYPE, problem);
			return null;
		}
		return (value != null) ? value.intValue() : null;
	}

}
