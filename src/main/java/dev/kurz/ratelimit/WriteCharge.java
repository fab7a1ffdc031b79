package dev.kurz.ratelimit;

import dev.kurz.shared.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Charges a request more writes than the one the rate-limit filter counted, once its body
 * shows what it costs (a batch of many items, say). Extra writes count against the
 * client's write limit and its API limit, as every write does.
 */
public final class WriteCharge {

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final RateLimitClient clients;

	WriteCharge(RateLimiter limiter, RateLimitProperties properties, RateLimitClient clients) {
		this.limiter = limiter;
		this.properties = properties;
		this.clients = clients;
	}

	/**
	 * Charges {@code writes} more writes to the client of {@code request}.
	 * @return whether the client had them left; when not, nothing is charged and the
	 * request should be answered 429
	 */
	public boolean charge(HttpServletRequest request, long writes) {
		if (writes <= 0 || !this.properties.enabled()) {
			return true;
		}
		Object counted = request.getAttribute(RateLimitFilter.CLIENT_ATTRIBUTE);
		String client = (counted instanceof String name) ? name : this.clients.of(request);
		return this.limiter.consume(client, true, writes).allowed();
	}

	/**
	 * Charges {@code writes} more writes to the client of {@code request}, or refuses the
	 * request as the filter would: a 429 with {@code Retry-After}.
	 * @throws TooManyRequestsException when the client does not have them left
	 */
	public void chargeOrRefuse(HttpServletRequest request, long writes) {
		if (writes <= 0 || !this.properties.enabled()) {
			return;
		}
		Object counted = request.getAttribute(RateLimitFilter.CLIENT_ATTRIBUTE);
		String client = (counted instanceof String name) ? name : this.clients.of(request);
		Decision decision = this.limiter.consume(client, true, writes);
		if (!decision.allowed()) {
			throw new TooManyRequestsException(
					"rate limit exceeded: " + this.properties.writesPerMinute() + " writes per minute",
					decision.retryAfterSeconds());
		}
	}

}
