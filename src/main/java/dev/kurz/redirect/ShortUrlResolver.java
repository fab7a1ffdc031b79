package dev.kurz.redirect;

import java.util.Optional;

import dev.kurz.link.LinkService;
import dev.kurz.link.LinkTarget;
import org.springframework.stereotype.Component;

/** Finds where a short code points. */
@Component
class ShortUrlResolver {

	private final LinkService links;

	ShortUrlResolver(LinkService links) {
		this.links = links;
	}

	Optional<LinkTarget> resolve(String code) {
		return this.links.findRedirectTarget(code);
	}

}
