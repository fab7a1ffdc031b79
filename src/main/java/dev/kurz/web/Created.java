package dev.kurz.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A 201 answer whose {@code Location} names the new resource, on the host the client
 * used.
 */
public final class Created {

	private Created() {
	}

	public static <T> ResponseEntity<T> at(String pathTemplate, long id, T body) {
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
				.replacePath(pathTemplate)
				.replaceQuery(null)
				.buildAndExpand(id)
				.toUri())
			.body(body);
	}

}
