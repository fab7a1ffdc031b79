package dev.kurz.event;

import dev.kurz.shared.InvalidInputException;
import dev.kurz.web.Created;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
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
class EventController {

	private final EventService events;

	private final JsonStream json;

	EventController(EventService events, JsonStream json) {
		this.events = events;
		this.json = json;
	}

	@GetMapping
	ResponseEntity<StreamingResponseBody> list(@RequestParam(name = "url_id", required = false) String urlId,
			@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(name = "event_type", required = false) String eventType,
			@RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
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
	EventResponse get(@PathVariable long id) {
		return this.events.get(id);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EventResponse> create(@RequestBody JsonNode body) {
		EventResponse event = this.events.create(CreateEventRequest.from(body));
		return Created.at("/events/{id}", event.id(), event);
	}

}
