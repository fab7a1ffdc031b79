package dev.kurz.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Existing clients call both {@code /urls} and {@code /urls/}: a path with trailing
 * slashes is handled as the path without them. Requests without one (every redirect) pass
 * untouched and pay one character comparison.
 */
class TrailingSlashFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.length() < 2 || uri.charAt(uri.length() - 1) != '/';
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new WithoutTrailingSlash(request), response);
	}

	private static String strip(String path) {
		int end = path.length();
		while (end > 1 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	private static final class WithoutTrailingSlash extends HttpServletRequestWrapper {

		WithoutTrailingSlash(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getRequestURI() {
			return strip(super.getRequestURI());
		}

		@Override
		public String getServletPath() {
			return strip(super.getServletPath());
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(strip(super.getRequestURL().toString()));
		}

	}

}
