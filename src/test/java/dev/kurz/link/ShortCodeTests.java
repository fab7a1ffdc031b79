package dev.kurz.link;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShortCodeTests {

	@ParameterizedTest
	@ValueSource(strings = { "abc", "ABC", "a_b-c", "0123456789", "abcdefghijklmnopqrstuvwxyz012345", "__-" })
	void codesMatchingThePatternAreAccepted(String code) {
		assertThat(ShortCode.problemWith(code)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ab", "abcdefghijklmnopqrstuvwxyz0123456", "a b", "a.b", "a/b", "a%20", "ümlaut",
			"emoji\uD83D\uDE00", "tab\t", "line\n" })
	void codesNotMatchingThePatternAreRejected(String code) {
		assertThat(ShortCode.problemWith(code)).contains("[A-Za-z0-9_-]{3,32}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "users", "urls", "events", "shorten", "health", "metrics", "actuator", "api", "docs",
			"static", "USERS", "Health", "admin", "stats" })
	void reservedPathsAreRejectedIgnoringCase(String code) {
		assertThat(ShortCode.problemWith(code)).isEqualTo("is reserved");
	}

	@Test
	void everyReservedWordIsLowerCase() {
		assertThat(ShortCode.RESERVED).allSatisfy((word) -> assertThat(word).isLowerCase());
	}

	@Test
	void generatorNeverReturnsAReservedWord() {
		// A source that first draws "events", then "abcdef".
		int[] draws = "eventsabcdef".chars()
			.map((c) -> "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".indexOf(c))
			.toArray();
		ShortCodeGenerator generator = new ShortCodeGenerator(new SecureRandom() {

			private int next;

			@Override
			public int nextInt(int bound) {
				return draws[this.next++];
			}

		});

		assertThat(generator.next().value()).isEqualTo("abcdef");
	}

	@Test
	void generatedCodesAreSixAlphanumericCharacters() {
		ShortCodeGenerator generator = new ShortCodeGenerator();
		Set<String> seen = new HashSet<>();
		Set<Character> characters = new HashSet<>();

		for (int i = 0; i < 2000; i++) {
			String code = generator.next().value();
			assertThat(code).matches("[A-Za-z0-9]{6}");
			assertThat(ShortCode.problemWith(code)).as(code).isNull();
			seen.add(code);
			code.chars().forEach((c) -> characters.add((char) c));
		}

		assertThat(seen).hasSizeGreaterThan(1990);
		// 12000 draws from 62 symbols: every symbol shows up unless the source is skewed.
		assertThat(characters).hasSize(62);
	}

}
