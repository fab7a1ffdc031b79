package dev.kurz.redirect;

import dev.kurz.ratelimit.RedirectRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Redirects are limited per address in each replica's memory, apart from the API. */
@Component
class RedirectRateLimitRequests implements RedirectRequests {

	@Override
	public boolean isRedirect(HttpServletRequest request) {
		return RedirectFastPathFilter.isRedirect(request);
	}

}
