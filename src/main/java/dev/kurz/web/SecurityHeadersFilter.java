package dev.kurz.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries, errors included: Kurz serves JSON and redirects, never
 * pages. A plain filter, registered for request dispatches only: the headers set then
 * stay on the error answer, and no per-filter "already filtered" attribute is needed on
 * the redirect path.
 */
class SecurityHeadersFilter extends HttpFilter {

	private static final String POLICY = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * The one set of pages Kurz serves, the Swagger UI at {@code /docs}: its own scripts,
	 * styles and images, and calls to this service.
	 */
	private static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.addHeader("X-Content-Type-Options", "nosniff");
		response.addHeader("X-Frame-Options", "DENY");
		response.addHeader("Referrer-Policy", "no-referrer");
		response.addHeader("Content-Security-Policy",
				request.getRequestURI().startsWith("/swagger-ui/") ? SWAGGER_UI_POLICY : POLICY);
		chain.doFilter(request, response);
	}

}
