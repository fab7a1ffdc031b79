package dev.kurz.auth;

import java.util.List;
import java.util.Optional;

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

	/** The check already made for this request's key, or null. */
	private final Optional<KnownKey> checked;

	private ApiKeyAuthentication(String key, Optional<KnownKey> checked, Caller caller) {
		super((caller == null) ? List.of()
				: List.of(new SimpleGrantedAuthority("ROLE_" + (caller.unrestricted() ? ADMIN : USER))));
		this.key = key;
		this.checked = checked;
		this.caller = caller;
		setAuthenticated(caller != null);
	}

	/**
	 * @param checked what the check of this key found earlier in the request, or null
	 * when it was not checked yet
	 */
	static ApiKeyAuthentication unchecked(String key, Optional<KnownKey> checked) {
		return new ApiKeyAuthentication(key, checked, null);
	}

	static ApiKeyAuthentication of(Caller caller) {
		return new ApiKeyAuthentication(null, null, caller);
	}

	Optional<KnownKey> checked() {
		return this.checked;
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
