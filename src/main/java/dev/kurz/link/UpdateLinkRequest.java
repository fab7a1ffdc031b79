package dev.kurz.link;

import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

/** Fields left out stay as they are; {@code "title": null} clears the title. */
record UpdateLinkRequest(boolean hasTitle, String title, String originalUrl, Boolean active) {

	static UpdateLinkRequest from(JsonNode json, TargetRules targets) {
		JsonBody body = JsonBody.of(json);
		boolean hasTitle = body.has("title");
		String title = LinkRules.title(body, body.nullableString("title"));
		String url = LinkRules.url(body, "original_url", body.optionalString("original_url", "url"), targets);
		Boolean active = body.optionalFlag("is_active");
		body.validate();
		return new UpdateLinkRequest(hasTitle, title, url, active);
	}

}
