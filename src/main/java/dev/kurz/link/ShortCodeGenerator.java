package dev.kurz.link;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/** Random 6-character codes over [A-Za-z0-9]: 62^6, about 5.7e10 codes. */
@Component
class ShortCodeGenerator {

	static final int LENGTH = 6;

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final SecureRandom random = new SecureRandom();

	ShortCode next() {
		char[] code = new char[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			code[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
		}
		return new ShortCode(new String(code));
	}

}
