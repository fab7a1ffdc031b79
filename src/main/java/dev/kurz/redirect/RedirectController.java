package dev.kurz.redirect;

import java.time.Instant;
import java.util.List;

import dev.kurz.analytics.Click;
import dev.kurz.analytics.ClickRecorder;
import dev.kurz.link.LinkTarget;
import dev.kurz.shared.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/** {@code GET /<code>}: a 302 to the target, and one click recorded off the request path. */
@RestController
class RedirectController {

	private static final int MAX_HEADER = 512;

	private static final String SHORTEN = "shorten";

	private final ShortUrlResolver resolver;

	private final ClickRecorder clicks;

	private final Counter redirects;

	RedirectController(ShortUrlResolver resolver, ClickRecorder clicks, MeterRegistry registry) {
		this.resolver = resolver;
		this.clicks = clicks;
		this.redirects = Counter.builder("kurz.redirects").description("Redirects answered with a 302").register(registry);
	}

	@RequestMapping(path = "/{code:[A-Za-z0-9_-]{1,32}}", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<Void> redirect(@PathVariable String code, HttpServletRequest request)
			throws HttpRequestMethodNotSupportedException {
		if (SHORTEN.equals(code)) {
			// "/shorten" is an API path that takes only POST, not a short code.
			throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
		}
		LinkTarget target = this.resolver.resolve(code)
			.orElseThrow(() -> new NotFoundException("short code '" + code + "' not found"));
		this.redirects.increment();
		if (!"HEAD".equals(request.getMethod())) {
			this.clicks.record(new Click(target.id(), target.shortCode(), Instant.now(),
					header(request, HttpHeaders.REFERER), header(request, HttpHeaders.USER_AGENT),
					request.getRemoteAddr()));
		}
		// Not cacheable by browsers or proxies: every visit must reach Kurz to be counted.
		// The stored URL was validated on the way in; set as is, it needs no URI parse per redirect.
		return ResponseEntity.status(HttpStatus.FOUND)
			.header(HttpHeaders.LOCATION, target.originalUrl())
			.cacheControl(CacheControl.noStore())
			.build();
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		return (value == null || value.length() <= MAX_HEADER) ? value : value.substring(0, MAX_HEADER);
	}

}
