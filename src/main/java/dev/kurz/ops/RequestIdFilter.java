package dev.kurz.ops;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Gives every request an id and one access log line. A sane incoming {@code X-Request-ID}
 * (as Nginx sends) is kept, anything else replaced by a new UUID; the id is echoed on the
 * response and sits in the logging MDC for every line logged on the request's behalf.
 */
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-ID";

	static final String MDC_KEY = "request_id";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private static final Logger access = LoggerFactory.getLogger("kurz.access");

	/**
	 * A random (version 4) UUID. Ids name requests, they guard nothing: a per-thread
	 * random source gives the same uniqueness as {@link UUID#randomUUID()} without a
	 * SecureRandom call per request.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	/**
	 * Errors rendered by the error controller run in a second dispatch after this
	 * filter's first pass has finished; they get the same id (from the response) and no
	 * second access line.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			String id = response.getHeader(HEADER);
			if (id != null) {
				MDC.put(MDC_KEY, id);
			}
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(MDC_KEY);
			}
			return;
		}
		String incoming = request.getHeader(HEADER);
		String id = (incoming != null && SANE.matcher(incoming).matches()) ? incoming : newId();
		long start = System.nanoTime();
		MDC.put(MDC_KEY, id);
		response.addHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (access.isInfoEnabled()) {
				Object template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
				access.info("{} {} {}", kv("method", request.getMethod()),
						kv("path", (template != null) ? template.toString() : request.getRequestURI()),
						kv("status", response.getStatus()), kv("duration_ms", (System.nanoTime() - start) / 1_000_000),
						kv("client_ip", request.getRemoteAddr()));
			}
			MDC.remove(MDC_KEY);
		}
	}

}
