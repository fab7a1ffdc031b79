package dev.kurz.imports;

import java.sql.Timestamp;
import java.time.Instant;

import dev.kurz.link.LinkColumns;
import dev.kurz.link.LinkRules;
import dev.kurz.link.RedirectRules;
import dev.kurz.link.ShortCode;
import dev.kurz.link.TargetRules;
import org.apache.commons.csv.CSVRecord;

/**
 * One row of a links CSV ({@link LinkColumns}): every column the import knows is read
 * here and nowhere else. Optional columns that are missing or empty take the defaults of
 * the API. An expiry in the past is kept: an imported link may have expired already.
 */
record UrlRow(Long id, Long userId, String shortCode, String originalUrl, String title, boolean active,
		Instant createdAt, Instant updatedAt, RedirectRules rules) {

	/** The INSERT of one row, with the arguments {@link #insertArguments} gives. */
	static final String INSERT = """
			INSERT INTO urls (id, user_id, short_code, original_url, title, is_active, created_at, updated_at,
			  expires_at, expired_url, max_clicks, redirect_type, forward_query)
			SELECT coalesce(?::bigint, nextval(pg_get_serial_sequence('urls', 'id'))), ?::bigint, ?, ?, ?,
			  ?::boolean, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?::bigint, ?::integer, ?::boolean
			WHERE ?::bigint IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = ?::bigint)
			ON CONFLICT DO NOTHING""";

	/**
	 * The row, or null when a value breaks a link rule.
	 * @throws IllegalArgumentException when a value cannot be read (a bad number, flag or
	 * NUL character)
	 * @throws java.time.DateTimeException when a timestamp cannot be read
	 */
	static UrlRow read(CSVRecord row, TargetRules targets, Instant now) {
		String code = CsvRows.text(row, LinkColumns.SHORT_CODE);
		String url = CsvRows.text(row, LinkColumns.ORIGINAL_URL);
		String title = CsvRows.text(row, LinkColumns.TITLE);
		if (code == null || ShortCode.problemWith(code) != null || url == null || targets.problemWith(url) != null
				|| LinkRules.titleProblem(title) != null) {
			return null;
		}
		Instant expiresAt = CsvRows.timestamp(row, LinkColumns.EXPIRES_AT);
		String expiredUrl = CsvRows.text(row, LinkColumns.EXPIRED_URL);
		Long maxClicks = CsvRows.id(row, LinkColumns.MAX_CLICKS);
		String redirectText = CsvRows.text(row, LinkColumns.REDIRECT_TYPE);
		Long redirectType = (redirectText != null) ? Long.valueOf(redirectText) : null;
		if (LinkRules.expiresAtProblem(expiresAt) != null
				|| expiredUrl != null && targets.problemWith(expiredUrl) != null
				|| LinkRules.redirectTypeProblem(redirectType) != null) {
			return null;
		}
		Boolean forwardQuery = CsvRows.flag(row, LinkColumns.FORWARD_QUERY);
		RedirectRules rules = new RedirectRules(expiresAt, expiredUrl, maxClicks,
				(redirectType != null) ? redirectType.intValue() : RedirectRules.DEFAULT_REDIRECT_TYPE,
				forwardQuery != null && forwardQuery);
		Boolean active = CsvRows.flag(row, LinkColumns.IS_ACTIVE);
		Instant created = CsvRows.timestamp(row, LinkColumns.CREATED_AT);
		Instant updated = CsvRows.timestamp(row, LinkColumns.UPDATED_AT);
		created = (created != null) ? created : now;
		return new UrlRow(CsvRows.id(row, LinkColumns.ID), CsvRows.id(row, LinkColumns.USER_ID), code, url, title,
				active == null || active, created, (updated != null) ? updated : created, rules);
	}

	Object[] insertArguments() {
		return new Object[] { this.id, this.userId, this.shortCode, this.originalUrl, this.title, this.active,
				Timestamp.from(this.createdAt), Timestamp.from(this.updatedAt),
				(this.rules.expiresAt() != null) ? Timestamp.from(this.rules.expiresAt()) : null,
				this.rules.expiredUrl(), this.rules.maxClicks(), this.rules.redirectType(), this.rules.forwardQuery(),
				this.userId, this.userId };
	}

}
