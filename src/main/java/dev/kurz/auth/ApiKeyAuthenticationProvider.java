package dev.kurz.auth;

import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Turns a request's key into the caller it stands for, or refuses it. */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final KeyCheck keys;

	ApiKeyAuthenticationProvider(KeyCheck keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		KnownKey known;
		try {
			ApiKeyAuthentication sent = (ApiKeyAuthentication) authentication;
			Optional<KnownKey> checked = (sent.checked() != null) ? sent.checked()
					: this.keys.check((String) sent.getCredentials());
			known = checked.orElseThrow(() -> new BadCredentialsException("invalid or revoked API key"));
		}
		catch (DataAccessException ex) {
			// Not the client's fault: answered as the database failure it is (503), not
			// as a bad key.
			throw new AuthenticationServiceException("key check failed", ex);
		}
		return ApiKeyAuthentication.of(known.caller());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}
