package dev.kurz.event;

import dev.kurz.shared.InvalidInputException;
import dev.kurz.web.Created;
import dev.kurz.api.ApiDocs;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/events")
@Tag(name = "events", description = "The audit trail of links, and events of your own.")
class EventController {

	private final EventService events;

	private final JsonStream json;

	EventController(EventService events, JsonStream json) {
		this.events = events;
		this.json = json;
	}

	@GetMapping
	@Operation(operationId = "listEvents", summary = "List events",
			description = "Events in id order, a page at a time; a user key sees the events of its own links only.",
			responses = @ApiResponse(responseCode = "200", description = "A page of events.",
					headers = @Header(name = JsonStream.TOTAL_COUNT, description = "Matching events on all pages.",
							schema = @Schema(type = "integer")),
					content = @Content(array = @ArraySchema(schema = @Schema(implementation = EventResponse.class)))))
	ResponseEntity<StreamingResponseBody> list(
			@Parameter(description = "Only this link's events.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "url_id",
							required = false) String urlId,
			@Parameter(description = "Only events of this user.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "user_id",
							required = false) String userId,
			@Parameter(description = "Only events of this type, such as `created`.",
					schema = @Schema(type = "string")) @RequestParam(name = "event_type",
							required = false) String eventType,
			@Parameter(description = ApiDocs.PAGE,
					schema = @Schema(type = "integer", minimum = "1", defaultValue = "1")) @RequestParam(
							required = false) String page,
			@Parameter(description = ApiDocs.PER_PAGE,
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @RequestParam(name = "per_page", required = false) String perPage) {
		String type = (eventType == null || eventType.isEmpty()) ? null : eventType;
		if (type != null && EventRules.typeProblem(type) != null) {
			// No event has such a type, and some (a NUL character) cannot even be sent to
			// SQL.
			throw InvalidInputException.of("event_type", EventRules.typeProblem(type));
		}
		EventFilter filter = new EventFilter(ListParams.id(urlId, "url_id"), ListParams.id(userId, "user_id"), type);
		var window = ListParams.page(page, perPage);
		this.events.catchUp();
		return this.json.<EventResponse>array(this.events.count(filter),
				(sink) -> this.events.stream(filter, window, sink));
	}

	@GetMapping("/{id:\\d+}")
	@Operation(operationId = "getEvent", summary = "Read an event")
	EventResponse get(@PathVariable long id) {
		return this.events.get(id);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createEvent", summary = "Record an event",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = EventSchemas.CreateEvent.class))),
			responses = @ApiResponse(responseCode = "201", description = "Created; `Location` names the event.",
					headers = @Header(name = "Location", schema = @Schema(type = "string")),
					content = @Content(schema = @Schema(implementation = EventResponse.class))))
	ResponseEntity<EventResponse> create(@RequestBody JsonNode body) {
		EventResponse event = this.events.create(CreateEventRequest.from(body));
		return Created.at("/events/{id}", event.id(), event);
	}

}
