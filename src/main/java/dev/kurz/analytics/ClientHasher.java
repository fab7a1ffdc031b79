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

	/**
	 * One keyed MAC per thread: looking the algorithm up and keying it cost more than
	 * hashing an address, and the click writers hash one per click.
	 */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

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
		// doFinal leaves the MAC keyed and reset for the next address.
		byte[] digest = this.macs.get().doFinal(address.getBytes(StandardCharsets.UTF_8));
		// 16 bytes are plenty to tell clients apart and keep the events table lean.
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
