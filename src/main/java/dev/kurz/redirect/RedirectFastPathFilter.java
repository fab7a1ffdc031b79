package dev.kurz.redirect;

import java.io.IOException;
import java.util.Optional;

import dev.kurz.link.LinkTarget;
import dev.kurz.link.ShortCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The redirect hot path. A GET or HEAD of a known code is answered here, after the
 * request id, security-header and rate-limit filters but before Spring MVC's dispatch,
 * which cost about a quarter of a redirect's CPU (see BOTTLENECK_REPORT.md). Everything
 * else, including unknown codes and links with rules, continues to the MVC mapping in
 * {@link RedirectController}. Requests it handles are timed by
 * {@link RedirectRequestMetrics} instead of a per-request Observation.
 */
class RedirectFastPathFilter extends HttpFilter {

	private static final int MAX_CODE = 32;

	private final ShortUrlResolver resolver;

	private final Redirector redirector;

	private final RedirectRequestMetrics metrics;

	RedirectFastPathFilter(ShortUrlResolver resolver, Redirector redirector, RedirectRequestMetrics metrics) {
		this.resolver = resolver;
		this.redirector = redirector;
		this.metrics = metrics;
	}

	/** A GET or HEAD of a one-segment path that is not one of the service's own. */
	static boolean handles(HttpServletRequest request) {
		return requestedCode(request) != null;
	}

	/**
	 * A GET or HEAD of a one-segment path that is not one of the service's own, with or
	 * without a query string: a redirect, whether this filter or the MVC controller
	 * answers it.
	 */
	static boolean isRedirect(HttpServletRequest request) {
		String method = request.getMethod();
		if (!("GET".equals(method) || "HEAD".equals(method))) {
			return false;
		}
		String code = code(request.getRequestURI());
		return code != null && !ShortCode.isReserved(code);
	}

	/**
	 * The code this filter looks up for the request, or null when the request is not one
	 * it handles.
	 */
	private static String requestedCode(HttpServletRequest request) {
		String method = request.getMethod();
		if (!("GET".equals(method) || "HEAD".equals(method)) || request.getQueryString() != null) {
			return null;
		}
		// The service's own one-segment paths (/users, /health, ...) are never looked up
		// as codes.
		String code = code(request.getRequestURI());
		return (code != null && !ShortCode.isReserved(code)) ? code : null;
	}

	/**
	 * Registered for request dispatches only, as a plain filter: no per-request
	 * bookkeeping.
	 */
	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String code = requestedCode(request);
		if (code == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<LinkTarget> target;
		try {
			target = this.resolver.resolve(code);
		}
		catch (RuntimeException ex) {
			// PostgreSQL unavailable, say: MVC tries again and its error path gives the
			// right answer.
			target = Optional.empty();
		}
		if (target.isEmpty() || !target.get().canRedirect() || !target.get().rules().isPlain()) {
			fallThrough(request, response, chain);
			return;
		}
		// Name the route as MVC would, for the access log.
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, Redirector.ROUTE);
		this.redirector.redirect(target.get(), request, response);
		this.metrics.recordFound(request);
	}

	private void fallThrough(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			this.metrics.record(request,
					(failure != null) ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(), failure);
		}
	}

	/** The code of a one-segment path such as {@code /aB3_x-9}, or null. */
	static String code(String uri) {
		int length = uri.length();
		if (length < 2 || length > MAX_CODE + 1 || uri.charAt(0) != '/') {
			return null;
		}
		for (int i = 1; i < length; i++) {
			char c = uri.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-';
			if (!allowed) {
				return null;
			}
		}
		return uri.substring(1);
	}

}
