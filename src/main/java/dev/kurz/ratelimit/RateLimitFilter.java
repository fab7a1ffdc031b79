package dev.kurz.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.ObjectMapper;

/**
 * Applies the limits to every request but probes ({@code /health}, {@code /metrics},
 * {@code /actuator/}). A redirect counts against its address's redirect limit in this
 * replica's memory; any other request against its client's API limit and, for a write,
 * the write limit, both in Redis. The client is named by {@link RateLimitClient}: a valid
 * API key, or else the address Tomcat reports after trusted-proxy processing (forwarded
 * headers count only when the connection comes from a configured proxy). Answers carry
 * the IETF draft headers; a refusal is a 429 with {@code Retry-After}. Registered for
 * request dispatches only (error dispatches of a request were counted on its way in).
 */
class RateLimitFilter extends HttpFilter {

	/** The request attribute holding the client an API request was counted against. */
	static final String CLIENT_ATTRIBUTE = RateLimitFilter.class.getName() + ".client";

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final ObjectMapper mapper;

	private final Counter refusedApi;

	private final Counter refusedWrites;

	private final Counter refusedRedirects;

	private final String apiPolicy;

	private final String redirectPolicy;

	private final RateLimitClient clients;

	private final RedirectRequests redirects;

	private final List<ReadAlong> readsAlong;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, ObjectMapper mapper, MeterRegistry registry,
			RateLimitClient clients, RedirectRequests redirects, List<ReadAlong> readsAlong) {
		this.limiter = limiter;
		this.readsAlong = List.copyOf(readsAlong);
		this.clients = clients;
		this.redirects = redirects;
		this.properties = properties;
		this.mapper = mapper;
		this.refusedApi = refusals(registry, Limit.API);
		this.refusedWrites = refusals(registry, Limit.WRITES);
		this.refusedRedirects = refusals(registry, Limit.REDIRECTS);
		this.apiPolicy = policy(Limit.API, properties.requestsPerMinute()) + ", "
				+ policy(Limit.WRITES, properties.writesPerMinute());
		this.redirectPolicy = policy(Limit.REDIRECTS, properties.redirectsPerMinute());
	}

	private static String policy(Limit limit, long perMinute) {
		return "\"%s\";q=%d;w=%d".formatted(limit.policyName(), perMinute, Limit.WINDOW.toSeconds());
	}

	private static Counter refusals(MeterRegistry registry, Limit limit) {
		return Counter.builder("kurz.ratelimit.refused")
			.description("Requests refused with 429")
			.tag("limit", limit.policyName())
			.register(registry);
	}

	private boolean exempt(HttpServletRequest request) {
		if (!this.properties.enabled()) {
			return true;
		}
		String path = request.getRequestURI();
		return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics")
				|| path.startsWith("/metrics/") || path.startsWith("/actuator/") || isApiDocumentation(path);
	}

	/**
	 * The OpenAPI document and the Swagger UI ({@code /docs}, its assets under
	 * {@code /swagger-ui/}): static, public, never limited.
	 */
	static boolean isApiDocumentation(String path) {
		return path.equals("/openapi.json") || path.startsWith("/openapi.json/") || path.equals("/docs")
				|| path.startsWith("/docs/") || path.startsWith("/swagger-ui/");
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (exempt(request)) {
			chain.doFilter(request, response);
			return;
		}
		Decision decision;
		if (this.redirects.isRedirect(request)) {
			decision = this.limiter.redirect(request.getRemoteAddr());
		}
		else {
			String client = this.clients.of(request);
			request.setAttribute(CLIENT_ATTRIBUTE, client);
			String readKey = readKey(request);
			decision = (readKey != null)
					? this.limiter.read(client, readKey,
							(value) -> request.setAttribute(ReadAlong.VALUE_ATTRIBUTE, value))
					: this.limiter.consume(client, WRITES.contains(request.getMethod()), 1);
		}
		if (!decision.allowed()) {
			refuse(response, decision);
			return;
		}
		describe(response, decision);
		chain.doFilter(request, response);
	}

	private String readKey(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return null;
		}
		for (ReadAlong read : this.readsAlong) {
			String key = read.keyFor(request);
			if (key != null) {
				return key;
			}
		}
		return null;
	}

	private void describe(HttpServletResponse response, Decision decision) {
		response.addHeader("RateLimit-Policy",
				(decision.limit() == Limit.REDIRECTS) ? this.redirectPolicy : this.apiPolicy);
		// Concatenation, not String.format: this runs on every request.
		response.addHeader("RateLimit", "\"" + decision.limit().policyName() + "\";r=" + decision.remaining() + ";t="
				+ decision.secondsToReset());
	}

	private void refuse(HttpServletResponse response, Decision decision) throws IOException {
		String message = "rate limit exceeded: " + switch (decision.limit()) {
			case API -> {
				this.refusedApi.increment();
				yield this.properties.requestsPerMinute() + " requests";
			}
			case WRITES -> {
				this.refusedWrites.increment();
				yield this.properties.writesPerMinute() + " writes";
			}
			case REDIRECTS -> {
				this.refusedRedirects.increment();
				yield this.properties.redirectsPerMinute() + " redirects";
			}
		} + " per minute";
		describe(response, decision);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, message);
		problem.setProperty("error", message);
		String requestId = MDC.get("request_id");
		if (requestId != null) {
			problem.setProperty("request_id", requestId);
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.mapper.writeValue(response.getOutputStream(), problem);
	}

}
