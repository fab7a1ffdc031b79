package dev.kurz.link;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * The redirect rule fields of a create or update body, as sent. A field left out is not
 * {@link #has present}; {@code null} is present and clears the field
 * ({@code redirect_type} back to 302, {@code forward_query} to false).
 */
record RuleFields(Set<String> present, Instant expiresAt, String expiredUrl, Long maxClicks, Integer redirectType,
		Boolean forwardQuery) {

	static final String EXPIRES_AT = "expires_at";

	static final String EXPIRED_URL = "expired_url";

	static final String MAX_CLICKS = "max_clicks";

	static final String REDIRECT_TYPE = "redirect_type";

	static final String FORWARD_QUERY = "forward_query";

	/** Reads and checks the fields; violations go to {@code body}. */
	static RuleFields read(JsonNode json, JsonBody body, TargetRules targets, Instant now) {
		Set<String> present = new HashSet<>();
		for (String field : Set.of(EXPIRES_AT, EXPIRED_URL, MAX_CLICKS, REDIRECT_TYPE, FORWARD_QUERY)) {
			if (body.has(field)) {
				present.add(field);
			}
		}
		Instant expiresAt = LinkRules.expiresAt(body, body.nullableString(EXPIRES_AT), now);
		String expiredUrl = LinkRules.url(body, EXPIRED_URL, body.nullableString(EXPIRED_URL), targets);
		Long maxClicks = LinkRules.maxClicks(body, integer(json, body, MAX_CLICKS));
		Integer redirectType = LinkRules.redirectType(body, integer(json, body, REDIRECT_TYPE));
		Boolean forwardQuery = isNull(json, FORWARD_QUERY) ? null : body.optionalFlag(FORWARD_QUERY);
		return new RuleFields(Set.copyOf(present), expiresAt, expiredUrl, maxClicks, redirectType, forwardQuery);
	}

	boolean has(String field) {
		return this.present.contains(field);
	}

	/** The rules these fields give: what is left out or null takes its default. */
	RedirectRules withDefaults() {
		return new RedirectRules(this.expiresAt, this.expiredUrl, this.maxClicks,
				(this.redirectType != null) ? this.redirectType : RedirectRules.DEFAULT_REDIRECT_TYPE,
				this.forwardQuery != null && this.forwardQuery);
	}

	private static boolean isNull(JsonNode json, String field) {
		return json.has(field) && json.get(field).isNull();
	}

	/** A JSON integer, or null when absent or null; anything else is a violation. */
	private static Long integer(JsonNode json, JsonBody body, String field) {
		if (!json.has(field) || json.get(field).isNull()) {
			return null;
		}
		JsonNode value = json.get(field);
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			body.reject(field, "must be an integer");
			return null;
		}
		return value.longValue();
	}

}
