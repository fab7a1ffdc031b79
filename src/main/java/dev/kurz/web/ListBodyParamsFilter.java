package dev.kurz.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Some clients send the filters of {@code GET /users}, {@code /urls} and {@code /events}
 * as a JSON object body instead of a query string. Those fields become request parameters
 * here; a query parameter wins over the same name in the body, and a body that is not a
 * JSON object is ignored.
 */
class ListBodyParamsFilter extends OncePerRequestFilter {

	static final Set<String> LISTS = Set.of("/users", "/urls", "/events");

	static final Set<String> FILTERS = Set.of("user_id", "is_active", "url_id", "event_type", "page", "per_page");

	/** Filters fit in a few hundred bytes; a larger body is not read as filters. */
	static final int MAX_BODY = 64 * 1024;

	private final ObjectMapper mapper;

	ListBodyParamsFilter(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !LISTS.contains(request.getRequestURI())
				|| request.getContentLengthLong() == 0;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String> fromBody = filters(request);
		chain.doFilter(fromBody.isEmpty() ? request : new WithBodyParams(request, fromBody), response);
	}

	private Map<String, String> filters(HttpServletRequest request) throws IOException {
		byte[] body = read(request.getInputStream());
		if (body == null || body.length == 0) {
			return Map.of();
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
		if (json == null || !json.isObject()) {
			return Map.of();
		}
		Map<String, String> filters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : json.properties()) {
			JsonNode value = field.getValue();
			if (FILTERS.contains(field.getKey()) && !value.isNull()) {
				filters.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
			}
		}
		return filters;
	}

	/** The body, or null when it is larger than {@link #MAX_BODY}. */
	private static byte[] read(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY + 1);
		return (body.length > MAX_BODY) ? null : body;
	}

	private static final class WithBodyParams extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		WithBodyParams(HttpServletRequest request, Map<String, String> fromBody) {
			super(request);
			Map<String, String[]> merged = new LinkedHashMap<>();
			fromBody.forEach((name, value) -> merged.put(name, new String[] { value }));
			merged.putAll(request.getParameterMap());
			this.parameters = Collections.unmodifiableMap(merged);
		}

		@Override
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
		}

	}

}
