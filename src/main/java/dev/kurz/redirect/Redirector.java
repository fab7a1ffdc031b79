package dev.kurz.redirect;

import java.time.Instant;

import dev.kurz.analytics.Click;
import dev.kurz.analytics.ClickRecorder;
import dev.kurz.link.LinkTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** Answers a redirect: the 302 itself, the count, and the click offered to the buffer. */
@Component
class Redirector {

	/** The route template that metrics and access logs name redirects by. */
	static final String ROUTE = "/{code:[A-Za-z0-9_-]{1,32}}";

	private static final int MAX_HEADER = 512;

	private final ClickRecorder clicks;

	private final Counter redirects;

	Redirector(ClickRecorder clicks, MeterRegistry registry) {
		this.clicks = clicks;
		this.redirects = Counter.builder("kurz.redirects")
			.description("Redirects answered with a 302")
			.register(registry);
	}

	/** Only for a target that {@link LinkTarget#canRedirect() can redirect}. */
	void redirect(LinkTarget target, HttpServletRequest request, HttpServletResponse response) {
		this.redirects.increment();
		if (!"HEAD".equals(request.getMethod())) {
			this.clicks
				.record(new Click(target.id(), target.shortCode(), Instant.now(), header(request, HttpHeaders.REFERER),
						header(request, HttpHeaders.USER_AGENT), request.getRemoteAddr()));
		}
		response.setStatus(HttpServletResponse.SC_FOUND);
		// The URI form was computed when the target was loaded: nothing to parse or
		// encode here.
		response.addHeader(HttpHeaders.LOCATION, target.location());
		// Not cacheable by browsers or proxies: every visit must reach Kurz to be
		// counted.
		response.addHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		return (value == null || value.length() <= MAX_HEADER) ? value : value.substring(0, MAX_HEADER);
	}

}
