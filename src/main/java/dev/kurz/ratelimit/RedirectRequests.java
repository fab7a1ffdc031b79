package dev.kurz.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells redirects from API requests: redirects count against the per-address redirect
 * limit in each replica's memory, never against the API limits in Redis. The redirect
 * feature implements it.
 */
public interface RedirectRequests {

	boolean isRedirect(HttpServletRequest request);

}
