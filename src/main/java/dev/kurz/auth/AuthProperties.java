package dev.kurz.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param mode {@code keys}: requests carry API keys and see only their own rows;
 * {@code open}: no keys, every request may do everything (trusted networks only)
 * @param signup whether {@code POST /users} takes requests without a key; {@code false}
 * leaves sign-up to admin keys
 * @param adminKeys keys that may do everything ({@code KURZ_AUTH_ADMINKEYS},
 * comma-separated)
 * @param anonymousLinks whether {@code POST /shorten} takes requests without a key; such
 * links belong to nobody and only an admin key can change them
 * @param keyCacheTtl how long a replica trusts what it looked up about a key; revocations
 * reach every replica at once through Redis, this bounds them while Redis is unavailable
 * @param lastUsedFlushInterval how often a replica writes the {@code last_used_at} of the
 * keys it saw
 */
@ConfigurationProperties("kurz.auth")
public record AuthProperties(@DefaultValue("keys") Mode mode, @DefaultValue("true") boolean signup,
		@DefaultValue List<String> adminKeys, @DefaultValue("false") boolean anonymousLinks,
		@DefaultValue("60s") Duration keyCacheTtl, @DefaultValue("10s") Duration lastUsedFlushInterval) {

	public AuthProperties {
		adminKeys = adminKeys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

	public enum Mode {

		KEYS, OPEN

	}

	public boolean open() {
		return this.mode == Mode.OPEN;
	}

}
