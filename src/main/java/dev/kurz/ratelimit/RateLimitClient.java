package dev.kurz.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the client a request counts against. Without another implementation that is the
 * client address; the auth feature implements it to count per API key.
 */
public interface RateLimitClient {

	String of(HttpServletRequest request);

}
