package dev.kurz.link;

import java.time.Instant;

import dev.kurz.shared.Caller;
import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /urls} and {@code POST /shorten}; the two differ only in what is
 * required.
 */
record CreateLinkRequest(String originalUrl, ShortCode customCode, String title, Long userId, boolean active,
		RedirectRules rules) {

	/** {@code POST /shorten}: {@code url} (or {@code original_url}), user optional. */
	static CreateLinkRequest forShorten(JsonNode json, TargetRules targets) {
		JsonBody body = JsonBody.of(json);
		String url = LinkRules.url(body, "url", body.requiredString("url", "original_url"), targets);
		CreateLinkRequest request = rest(json, body, url, body.optionalId("user_id"), targets);
		body.validate();
		return request;
	}

	/**
	 * {@code POST /urls}: {@code original_url} (or {@code url}) required, and
	 * {@code user_id} too unless the caller's own user owns the link anyway.
	 */
	static CreateLinkRequest forUrls(JsonNode json, TargetRules targets, Caller caller) {
		JsonBody body = JsonBody.of(json);
		String url = LinkRules.url(body, "original_url", body.requiredString("original_url", "url"), targets);
		Long userId = (caller.userId() != null) ? body.optionalId("user_id") : body.requiredId("user_id");
		CreateLinkRequest request = rest(json, body, url, userId, targets);
		body.validate();
		return request;
	}

	/** The same link, owned by {@code owner}. */
	CreateLinkRequest ownedBy(Long owner) {
		return new CreateLinkRequest(this.originalUrl, this.customCode, this.title, owner, this.active, this.rules);
	}

	private static CreateLinkRequest rest(JsonNode json, JsonBody body, String url, Long userId, TargetRules targets) {
		ShortCode code = LinkRules.customCode(body, body.nullableString("short_code", "custom_code"));
		String title = LinkRules.title(body, body.nullableString("title"));
		Boolean active = body.optionalFlag("is_active");
		RuleFields rules = RuleFields.read(json, body, targets, Instant.now());
		return new CreateLinkRequest(url, code, title, userId, active == null || active, rules.withDefaults());
	}

}
