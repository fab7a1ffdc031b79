package dev.kurz.link;

import dev.kurz.web.Created;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "links")
class ShortenController {

	private final LinkService links;

	private final PublicBaseUrl baseUrl;

	private final TargetRules targets;

	ShortenController(LinkService links, PublicBaseUrl baseUrl, TargetRules targets) {
		this.links = links;
		this.baseUrl = baseUrl;
		this.targets = targets;
	}

	@PostMapping(path = "/shorten", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "shorten", summary = "Shorten a URL",
			description = "Creates a link like `POST /urls`; the answer also carries the full `short_url`.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = LinkSchemas.Shorten.class))),
			responses = @ApiResponse(responseCode = "201", description = "Created; `Location` names the link.",
					headers = @Header(name = "Location", schema = @Schema(type = "string")),
					content = @Content(schema = @Schema(implementation = ShortenResponse.class))))
	ResponseEntity<ShortenResponse> shorten(@RequestBody JsonNode body) {
		UrlResponse url = this.links.create(CreateLinkRequest.forShorten(body, this.targets),
				LinkService.UnknownUser.INVALID);
		ShortenResponse response = ShortenResponse.from(url, this.baseUrl.resolve());
		return Created.at("/urls/{id}", url.id(), response);
	}

}
