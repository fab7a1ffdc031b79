package dev.kurz.redirect;

import java.time.Instant;

import dev.kurz.analytics.Click;
import dev.kurz.analytics.ClickRecorder;
import dev.kurz.link.ClickCaps;
import dev.kurz.link.LinkTarget;
import dev.kurz.link.RedirectRules;
import dev.kurz.link.RedirectRules.Answer;
import dev.kurz.link.RedirectRules.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Answers a redirect under its link's rules: the redirect itself, the count, and the
 * click offered to the buffer.
 */
@Component
class Redirector {

	/** The route template that metrics and access logs name redirects by. */
	static final String ROUTE = "/{code:[A-Za-z0-9_-]{1,32}}";

	private static final int MAX_HEADER = 512;

	private final ClickRecorder clicks;

	private final ClickCaps caps;

	private final Counter redirects;

	Redirector(ClickRecorder clicks, ClickCaps caps, MeterRegistry registry) {
		this.clicks = clicks;
		this.caps = caps;
		this.redirects = Counter.builder("kurz.redirects")
			.description("Redirects answered to a link's target, clicks counted")
			.register(registry);
	}

	/**
	 * A plain link's 302, for a target that {@link LinkTarget#canRedirect() can
	 * redirect}.
	 */
	void redirect(LinkTarget target, HttpServletRequest request, HttpServletResponse response) {
		toTarget(target, target.location(), HttpServletResponse.SC_FOUND, request, response);
	}

	/**
	 * Answers under the link's rules: to its target, counted; or, expired or out of
	 * clicks, to its {@code expired_url}, not counted.
	 * @return why the link did not redirect, for a 404; null when it was answered
	 */
	Refusal redirectUnderRules(LinkTarget target, HttpServletRequest request, HttpServletResponse response) {
		RedirectRules rules = target.rules();
		Refusal refusal = null;
		if (rules.isExpiredAt(Instant.now())) {
			refusal = Refusal.EXPIRED;
		}
		else if (rules.isCapped() && !admit(target, request)) {
			refusal = Refusal.EXHAUSTED;
		}
		if (refusal == null) {
			Answer answer = rules.redirect(target.location(), request.getQueryString());
			toTarget(target, answer.location(), answer.status(), request, response);
			return null;
		}
		Answer answer = rules.refusal(refusal);
		if (!answer.isRedirect()) {
			return refusal;
		}
		response.setStatus(answer.status());
		response.addHeader(HttpHeaders.LOCATION, answer.location());
		response.addHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return null;
	}

	/** A GET draws one of the link's clicks; a HEAD, which counts none, only looks. */
	private boolean admit(LinkTarget target, HttpServletRequest request) {
		return isHead(request) ? !this.caps.isExhausted(target.id()) : this.caps.admit(target.id());
	}

	private void toTarget(LinkTarget target, String location, int status, HttpServletRequest request,
			HttpServletResponse response) {
		this.redirects.increment();
		if (!isHead(request)) {
			this.clicks
				.record(new Click(target.id(), target.shortCode(), Instant.now(), header(request, HttpHeaders.REFERER),
						header(request, HttpHeaders.USER_AGENT), request.getRemoteAddr()));
		}
		response.setStatus(status);
		// The URI form was computed when the target was loaded: nothing to parse or
		// encode here.
		response.addHeader(HttpHeaders.LOCATION, location);
		if (status == HttpServletResponse.SC_FOUND || status == HttpServletResponse.SC_TEMPORARY_REDIRECT) {
			// Not cacheable by browsers or proxies: every visit must reach Kurz to be
			// counted. A permanent redirect is the link owner's choice to let browsers
			// keep it, so it goes without (see DECISIONS.md).
			response.addHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
	}

	private static boolean isHead(HttpServletRequest request) {
		return "HEAD".equals(request.getMethod());
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		return (value == null || value.length() <= MAX_HEADER) ? value : value.substring(0, MAX_HEADER);
	}

}
