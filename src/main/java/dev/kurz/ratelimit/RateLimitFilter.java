package dev.kurz.ratelimit;

import java.io.IOException;
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
 * Applies both limits to every request but probes ({@code /health}, {@code /metrics}).
 * The client is named by {@link RateLimitClient}: a valid API key, or else the address
 * Tomcat reports after trusted-proxy processing (forwarded headers count only when the
 * connection comes from a configured proxy). Answers carry the IETF draft headers; a
 * refusal is a 429 with {@code Retry-After}. Registered for request dispatches only
 * (error dispatches of a request were counted on its way in).
 */
class RateLimitFilter extends HttpFilter {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final ObjectMapper mapper;

	private final Counter refusedAll;

	private final Counter refusedWrites;

	private final String policy;

	private final RateLimitClient clients;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, ObjectMapper mapper, MeterRegistry registry,
			RateLimitClient clients) {
		this.limiter = limiter;
		this.clients = clients;
		this.properties = properties;
		this.mapper = mapper;
		this.refusedAll = refusals(registry, Limit.ALL);
		this.refusedWrites = refusals(registry, Limit.WRITES);
		this.policy = "\"%s\";q=%d;w=%d, \"%s\";q=%d;w=%d".formatted(Limit.ALL.policyName(),
				properties.requestsPerMinute(), Limit.WINDOW.toSeconds(), Limit.WRITES.policyName(),
				properties.writesPerMinute(), Limit.WINDOW.toSeconds());
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
		String client = this.clients.of(request);
		Decision writes = null;
		if (WRITES.contains(request.getMethod())) {
			writes = this.limiter.consume(client, Limit.WRITES);
			if (!writes.allowed()) {
				refuse(response, writes);
				return;
			}
		}
		Decision all = this.limiter.consume(client, Limit.ALL);
		if (!all.allowed()) {
			refuse(response, all);
			return;
		}
		describe(response, tightest(all, writes));
		chain.doFilter(request, response);
	}

	private static Decision tightest(Decision all, Decision writes) {
		if (writes == null) {
			return all;
		}
		return (writes.remaining() * all.capacity() < all.remaining() * writes.capacity()) ? writes : all;
	}

	private void describe(HttpServletResponse response, Decision decision) {
		response.addHeader("RateLimit-Policy", this.policy);
		// Concatenation, not String.format: this runs on every redirect.
		response.addHeader("RateLimit", "\"" + decision.limit().policyName() + "\";r=" + decision.remaining() + ";t="
				+ decision.secondsToReset());
	}

	private void refuse(HttpServletResponse response, Decision decision) throws IOException {
		((decision.limit() == Limit.ALL) ? this.refusedAll : this.refusedWrites).increment();
		describe(response, decision);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		String message = "rate limit exceeded: " + ((decision.limit() == Limit.ALL)
				? this.properties.requestsPerMinute() + " requests" : this.properties.writesPerMinute() + " writes")
				+ " per minute";
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
