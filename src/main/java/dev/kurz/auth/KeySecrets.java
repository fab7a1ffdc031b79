package dev.kurz.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

/**
 * API keys as strings: {@code kurz_} and 256 random bits in URL-safe Base64, stored as
 * their SHA-256 hash. A fast hash is right for secrets this random: nobody can guess one,
 * so there is nothing for a slow password hash to slow down, and every request can afford
 * the check.
 */
final class KeySecrets {

	static final String SCHEME = "kurz_";

	/**
	 * {@code kurz_} and the first 8 random characters: tells keys apart in lists, reveals
	 * 48 bits.
	 */
	static final int PREFIX_LENGTH = SCHEME.length() + 8;

	/**
	 * Longer than any key Kurz issues or an operator would choose; longer values are not
	 * hashed.
	 */
	static final int MAX_LENGTH = 512;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String BEARER = "Bearer ";

	private KeySecrets() {
	}

	static String generate() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String prefix(String key) {
		return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
	}

	static String hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * The key a request sends ({@code Authorization: Bearer <key>} or {@code X-API-Key}),
	 * or null.
	 */
	static String sentWith(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).strip();
		}
		String header = request.getHeader("X-API-Key");
		return (header != null) ? header.strip() : null;
	}

	/** Whether a request sends anything that claims to be a key, usable or not. */
	static boolean claimed(HttpServletRequest request) {
		return request.getHeader("Authorization") != null || request.getHeader("X-API-Key") != null;
	}

}
