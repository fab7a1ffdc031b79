package dev.kurz.link;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/** Random 6-character codes over [A-Za-z0-9]: 62^6, about 5.7e10 codes. */
@Component
class ShortCodeGenerator {

	static final int LENGTH = 6;

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final SecureRandom random;

	ShortCodeGenerator() {
		this(new SecureRandom());
	}

	ShortCodeGenerator(SecureRandom random) {
		this.random = random;
	}

	ShortCode next() {
		for (;;) {
			char[] code = new char[LENGTH];
			for (int i = 0; i < LENGTH; i++) {
				code[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
			}
			String value = new String(code);
			// A code such as "events" would be shadowed by the path the service answers
			// itself.
			if (ShortCode.problemWith(value) == null) {
				return new ShortCode(value);
			}
		}
	}

}
