package dev.kurz.link;

import java.util.List;

import dev.kurz.ratelimit.WriteCharge;
import dev.kurz.shared.Caller;
import dev.kurz.shared.NulCharacters;
import dev.kurz.web.Created;
import dev.kurz.shared.JsonBody;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
import dev.kurz.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "links", description = "Short links: create, read, change, delete.")
class UrlController {

	private final LinkService links;

	private final JsonStream json;

	private final TargetRules targets;

	private final LinkBatch batch;

	private final ObjectProvider<WriteCharge> writeCharge;

	private final ObjectProvider<LinkReadCache> cache;

	UrlController(LinkService links, JsonStream json, TargetRules targets, ObjectProvider<WriteCharge> writeCharge,
			ObjectProvider<LinkReadCache> cache) {
		this.links = links;
		this.cache = cache;
		this.writeCharge = writeCharge;
		this.json = json;
		this.targets = targets;
		this.batch = new LinkBatch(links, targets);
	}

	@GetMapping
	@Operation(operationId = "listUrls", summary = "List links",
			description = "Live links in id order, a page at a time; a user key sees its own links only.",
			responses = @ApiResponse(responseCode = "200", description = "A page of links.",
					headers = @Header(name = JsonStream.TOTAL_COUNT, description = "Matching links on all pages.",
							schema = @Schema(type = "integer")),
					content = @Content(array = @ArraySchema(schema = @Schema(implementation = UrlResponse.class)))))
	ResponseEntity<StreamingResponseBody> list(
			@Parameter(description = "Only this user's links.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "user_id",
							required = false) String userId,
			@Parameter(description = "Only active (`true`) or inactive (`false`) links.",
					schema = @Schema(type = "boolean")) @RequestParam(name = "is_active",
							required = false) String active,
			@Parameter(description = ApiDocs.PAGE,
					schema = @Schema(type = "integer", minimum = "1", defaultValue = "1")) @RequestParam(
							required = false) String page,
			@Parameter(description = ApiDocs.PER_PAGE,
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @RequestParam(name = "per_page", required = false) String perPage) {
		UrlFilter filter = new UrlFilter(ListParams.id(userId, "user_id"), ListParams.flag(active, "is_active"));
		var window = ListParams.page(page, perPage);
		return this.json.<UrlResponse>array(this.links.count(filter),
				(sink) -> this.links.stream(filter, window, sink));
	}

	@GetMapping("/{id:\\d+}")
	@Operation(operationId = "getUrl", summary = "Read a link")
	UrlResponse get(@PathVariable long id, HttpServletRequest request) {
		LinkReadCache cache = this.cache.getIfAvailable();
		return (cache != null) ? this.links.get(id, cache.lookup(request, id), cache) : this.links.get(id);
	}

	@GetMapping("/code/{code}")
	@Operation(operationId = "getUrlByCode", summary = "Read a link by its short code")
	UrlResponse getByCode(@PathVariable String code) {
		return this.links.getByCode(code);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createUrl", summary = "Create a link",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = LinkSchemas.CreateUrl.class))),
			responses = @ApiResponse(responseCode = "201", description = "Created; `Location` names the link.",
					headers = @Header(name = "Location", schema = @Schema(type = "string")),
					content = @Content(schema = @Schema(implementation = UrlResponse.class))))
	ResponseEntity<UrlResponse> create(@RequestBody JsonNode body) {
		CreateLinkRequest request = CreateLinkRequest.forUrls(body, this.targets, Caller.current());
		UrlResponse url = this.links.create(request, LinkService.UnknownUser.NOT_FOUND);
		return Created.at("/urls/{id}", url.id(), url);
	}

	@PutMapping(path = "/{id:\\d+}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "updateUrl", summary = "Change a link",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = LinkSchemas.UpdateUrl.class))))
	UrlResponse update(@PathVariable long id, @RequestBody JsonNode body) {
		return this.links.update(id, UpdateLinkRequest.from(body, this.targets));
	}

	/** The body is optional; when present it may name a reason. */
	@DeleteMapping("/{id:\\d+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteUrl", summary = "Delete a link",
			description = "Soft delete: the code stops redirecting and stays taken. Deleting again succeeds.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = @Content(schema = @Schema(implementation = LinkSchemas.DeleteUrl.class))),
			responses = @ApiResponse(responseCode = "204", description = "Deleted."))
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

	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createUrls", summary = "Create up to 1,000 links",
			description = "Each item is shaped like the body of `POST /urls` and is validated and created on its "
					+ "own: the answer is 200 whatever the items' fates, with one result per item in request order. "
					+ "Counts as one write per 10 items for the write rate limit.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(
							array = @ArraySchema(schema = @Schema(implementation = LinkSchemas.CreateUrl.class),
									maxItems = LinkBatch.MAX_ITEMS))),
			responses = @ApiResponse(responseCode = "200", description = "One result per item.",
					content = @Content(schema = @Schema(implementation = LinkBatch.BatchResponse.class))))
	LinkBatch.BatchResponse createBatch(@RequestBody JsonNode body, HttpServletRequest request) {
		List<JsonNode> items = LinkBatch.items(body);
		// A batch of n items costs one write per 10 items; the rate-limit filter counted
		// one.
		WriteCharge charge = this.writeCharge.getIfAvailable();
		if (charge != null) {
			charge.chargeOrRefuse(request, LinkBatch.writeCost(items.size()) - 1L);
		}
		return this.batch.create(items);
	}

}
