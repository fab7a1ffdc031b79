package dev.kurz.link;

import java.time.Instant;

import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Fields left out stay as they are; {@code null} clears {@code title} and the rule fields
 * ({@link RuleFields}).
 */
record UpdateLinkRequest(boolean hasTitle, String title, String originalUrl, Boolean active, RuleFields rules) {

	static UpdateLinkRequest from(JsonNode json, TargetRules targets) {
		JsonBody body = JsonBody.of(json);
		boolean hasTitle = body.has("title");
		String title = LinkRules.title(body, body.nullableString("title"));
		String url = LinkRules.url(body, "original_url", body.optionalString("original_url", "url"), targets);
		Boolean active = body.optionalFlag("is_active");
		RuleFields rules = RuleFields.read(json, body, targets, Instant.now());
		body.validate();
		return new UpdateLinkRequest(hasTitle, title, url, active, rules);
	}

}
