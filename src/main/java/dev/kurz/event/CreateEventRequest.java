package dev.kurz.event;

import java.util.regex.Pattern;

import dev.kurz.shared.NulCharacters;
import dev.kurz.web.JsonBody;
import tools.jackson.databind.JsonNode;

record CreateEventRequest(long urlId, String eventType, Long userId, JsonNode details) {

	static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	static CreateEventRequest from(JsonNode json) {
		JsonBody body = JsonBody.of(json);
		Long urlId = body.requiredId("url_id");
		String type = body.requiredString("event_type");
		if (type != null && !TYPE.matcher(type).matches()) {
			body.reject("event_type", "must match [A-Za-z0-9_.-]{1,32}");
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
