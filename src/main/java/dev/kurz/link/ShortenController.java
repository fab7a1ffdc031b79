package dev.kurz.link;

import dev.kurz.web.Created;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
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
	ResponseEntity<ShortenResponse> shorten(@RequestBody JsonNode body) {
		UrlResponse url = this.links.create(CreateLinkRequest.forShorten(body, this.targets),
				LinkService.UnknownUser.INVALID);
		ShortenResponse response = ShortenResponse.from(url, this.baseUrl.resolve());
		return Created.at("/urls/{id}", url.id(), response);
	}

}
