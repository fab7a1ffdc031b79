package dev.kurz.link;

import dev.kurz.shared.Caller;
import dev.kurz.shared.NulCharacters;
import dev.kurz.web.Created;
import dev.kurz.shared.JsonBody;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/urls")
class UrlController {

	private final LinkService links;

	private final JsonStream json;

	private final TargetRules targets;

	UrlController(LinkService links, JsonStream json, TargetRules targets) {
		this.links = links;
		this.json = json;
		this.targets = targets;
	}

	@GetMapping
	ResponseEntity<StreamingResponseBody> list(@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(name = "is_active", required = false) String active,
			@RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		UrlFilter filter = new UrlFilter(ListParams.id(userId, "user_id"), ListParams.flag(active, "is_active"));
		var window = ListParams.page(page, perPage);
		return this.json.<UrlResponse>array(this.links.count(filter),
				(sink) -> this.links.stream(filter, window, sink));
	}

	@GetMapping("/{id:\\d+}")
	UrlResponse get(@PathVariable long id) {
		return this.links.get(id);
	}

	@GetMapping("/code/{code}")
	UrlResponse getByCode(@PathVariable String code) {
		return this.links.getByCode(code);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UrlResponse> create(@RequestBody JsonNode body) {
		CreateLinkRequest request = CreateLinkRequest.forUrls(body, this.targets, Caller.current());
		UrlResponse url = this.links.create(request, LinkService.UnknownUser.NOT_FOUND);
		return Created.at("/urls/{id}", url.id(), url);
	}

	@PutMapping(path = "/{id:\\d+}", consumes = MediaType.APPLICATION_JSON_VALUE)
	UrlResponse update(@PathVariable long id, @RequestBody JsonNode body) {
		return this.links.update(id, UpdateLinkRequest.from(body, this.targets));
	}

	/** The body is optional; when present it may name a reason. */
	@DeleteMapping("/{id:\\d+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
		String reason = null;
		if (body != null && !body.isNull() && !body.isMissingNode()) {
			JsonBody fields = JsonBody.of(body);
			reason = fields.nullableString("reason");
			if (NulCharacters.in(reason)) {
				fields.reject("reason", "must not contain NUL characters");
			}
			fields.validate();
		}
		this.links.delete(id, reason);
	}

}
