package dev.kurz.auth;

import java.util.List;

import dev.kurz.shared.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's API key: before the check only the key (which {@code toString} never
 * shows), after it the {@link Caller} it stands for, with role {@code ADMIN} or
 * {@code USER}.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	static final String ADMIN = "ADMIN";

	static final String USER = "USER";

	private final Caller caller;

	private String key;

	private ApiKeyAuthentication(String key, Caller caller) {
		super((caller == null) ? List.of()
				: List.of(new SimpleGrantedAuthority("ROLE_" + (caller.unrestricted() ? ADMIN : USER))));
		this.key = key;
		this.caller = caller;
		setAuthenticated(caller != null);
	}

	static ApiKeyAuthentication unchecked(String key) {
		return new ApiKeyAuthentication(key, null);
	}

	static ApiKeyAuthentication of(Caller caller) {
		return new ApiKeyAuthentication(null, caller);
	}

	@Override
	public Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public void eraseCredentials() {
		this.key = null;
		super.eraseCredentials();
	}

}
