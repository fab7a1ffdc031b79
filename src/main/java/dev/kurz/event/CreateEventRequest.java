package dev.kurz.event;

import dev.kurz.shared.NulCharacters;
import dev.kurz.shared.JsonBody;
import tools.jackson.databind.JsonNode;

record CreateEventRequest(long urlId, String eventType, Long userId, JsonNode details) {

	static CreateEventRequest from(JsonNode json) {
		JsonBody body = JsonBody.of(json);
		Long urlId = body.requiredId("url_id");
		String type = body.requiredString("event_type");
		if (type != null && EventRules.typeProblem(type) != null) {
			body.reject("event_type", EventRules.typeProblem(type));
		}
		Long userId = body.optionalId("user_id");
		JsonNode details = body.optionalObject("details");
		if (NulCharacters.in(details)) {
			body.reject("details", "must not contain NUL characters");
		}
		body.validate();
		return new CreateEventRequest(urlId, type, userId, details);
	}

}
