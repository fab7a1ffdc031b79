package dev.kurz.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415, before anything reads the body, the content types Kurz never reads
 * but that would otherwise fail outside the error handling: a form body on PUT, PATCH or
 * DELETE (a DELETE would ignore it and act; a malformed one failed in Spring's form
 * parsing), and a wildcard such as {@code *}{@code /*}, which names no format (Spring
 * refuses to read it with an unchecked error).
 */
class BodyTypeFilter extends OncePerRequestFilter {

	private static final Set<String> FORM_REFUSED = Set.of("PUT", "PATCH", "DELETE");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getContentType() == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String problem = problemWith(request.getMethod(), request.getContentType());
		if (problem != null) {
			// Outside MVC the advice cannot see an exception; the error controller
			// renders this.
			response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	static String problemWith(String method, String contentType) {
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			// Spring answers an unparsable type with 415 itself.
			return null;
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			return "content type must name a media type, not a wildcard";
		}
		if (FORM_REFUSED.contains(method.toUpperCase(Locale.ROOT))
				&& type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
			return "form bodies are not supported";
		}
		return null;
	}

}
