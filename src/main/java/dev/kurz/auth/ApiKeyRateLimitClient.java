package dev.kurz.auth;

import dev.kurz.ratelimit.RateLimitClient;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * API rate limits count per key when a valid key is sent (a company behind one address is
 * not one client), per address otherwise; requests without a key pay two header look-ups.
 * Redirects never come here: they are limited per address. The key's check is kept on the
 * request, so the security filters do not check it again.
 */
@Component
class ApiKeyRateLimitClient implements RateLimitClient {

	private final KeyCheck keys;

	private final boolean open;

	ApiKeyRateLimitClient(KeyCheck keys, AuthProperties properties) {
		this.keys = keys;
		this.open = properties.open();
	}

	@Override
	public String of(HttpServletRequest request) {
		if (!this.open && KeySecrets.claimed(request)) {
			try {
				var known = this.keys.check(request);
				if (known.isPresent()) {
					return "key:" + known.get().hash();
				}
			}
			catch (RuntimeException ex) {
				// The key is checked again, and the failure answered, by the security
				// filters.
			}
		}
		return request.getRemoteAddr();
	}

}
