package dev.kurz.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keyed hash of a client address: lets stats tell clients apart without storing who they
 * are.
 */
@Component
class ClientHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	ClientHasher(ClickProperties properties) {
		byte[] secret;
		if (properties.ipHashKey() != null && !properties.ipHashKey().isBlank()) {
			secret = properties.ipHashKey().getBytes(StandardCharsets.UTF_8);
		}
		else {
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		this.key = new SecretKeySpec(secret, ALGORITHM);
	}

	String hash(String address) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
			// 16 bytes are plenty to tell clients apart and keep the events table lean.
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
