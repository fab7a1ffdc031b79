package dev.kurz.event;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON body of {@code POST /events} as the OpenAPI description shows it;
 * {@link CreateEventRequest} parses it.
 */
final class EventSchemas {

	private EventSchemas() {
	}

	@Schema(name = "CreateEventRequest")
	record CreateEvent(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1", minimum = "1") Long urlId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "shared",
					description = "A lower-case word of your choice, such as `shared`.") String eventType,
			@Schema(example = "1", minimum = "1") Long userId,
			@Schema(description = "Any JSON object; `{}` when absent.",
					example = "{\"channel\": \"email\"}") Map<String, Object> details) {

	}

}
