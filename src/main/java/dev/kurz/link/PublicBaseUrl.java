package dev.kurz.link;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where short links are served publicly.
 *
 * @param publicBaseUrl base of every {@code short_url} (for example
 * {@code https://kurz.example}); when empty, the base is taken from the current request,
 * honouring forwarded headers from a trusted proxy
 */
@ConfigurationProperties("kurz")
record PublicBaseUrl(String publicBaseUrl) {

	boolean isConfigured() {
		return this.publicBaseUrl != null && !this.publicBaseUrl.isBlank();
	}

	String resolve() {
		if (isConfigured()) {
			return this.publicBaseUrl.endsWith("/") ? this.publicBaseUrl.substring(0, this.publicBaseUrl.length() - 1)
					: this.publicBaseUrl;
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString();
	}

}
