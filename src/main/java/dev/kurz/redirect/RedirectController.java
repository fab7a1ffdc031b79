package dev.kurz.redirect;

import java.util.List;

import dev.kurz.link.LinkTarget;
import dev.kurz.link.RedirectRules.Refusal;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.UnsendableTargetException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /<code>}: a redirect to the target under the link's rules, and one click
 * recorded off the request path. Plain links are normally answered earlier by
 * {@link RedirectFastPathFilter}; this mapping gives the full MVC answer for everything
 * else (links with rules, query strings, unknown codes, {@code /shorten}).
 */
@RestController
class RedirectController {

	private static final String SHORTEN = "shorten";

	private final ShortUrlResolver resolver;

	private final Redirector redirector;

	RedirectController(ShortUrlResolver resolver, Redirector redirector) {
		this.resolver = resolver;
		this.redirector = redirector;
	}

	@RequestMapping(path = Redirector.ROUTE, method = { RequestMethod.GET, RequestMethod.HEAD })
	void redirect(@PathVariable String code, HttpServletRequest request, HttpServletResponse response)
			throws HttpRequestMethodNotSupportedException {
		if (SHORTEN.equals(code)) {
			// "/shorten" is an API path that takes only POST, not a short code.
			throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
		}
		LinkTarget target = this.resolver.resolve(code)
			.orElseThrow(() -> new NotFoundException("short code '" + code + "' not found"));
		if (!target.canRedirect()) {
			// Never a 302 without Location, and no click for a redirect that was not
			// sent.
			throw new UnsendableTargetException(target.id());
		}
		Refusal refusal = this.redirector.redirectUnderRules(target, request, response);
		if (refusal != null) {
			throw new NotFoundException("short code '" + code + "' " + refusal.reason());
		}
	}

}
