package dev.kurz.shared;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NulCharactersTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void findsANulCharacterInAString() {
		assertThat(NulCharacters.in("a\0b")).isTrue();
		assertThat(NulCharacters.in("\0")).isTrue();
		assertThat(NulCharacters.in("ab")).isFalse();
		assertThat(NulCharacters.in("a\\u0000b")).isFalse();
		assertThat(NulCharacters.in((String) null)).isFalse();
	}

	@Test
	void findsANulCharacterAnywhereInJson() {
		assertThat(NulCharacters.in(MAPPER.readTree("{\"a\": \"x\\u0000\"}"))).isTrue();
		assertThat(NulCharacters.in(MAPPER.readTree("{\"a\\u0000\": 1}"))).isTrue();
		assertThat(NulCharacters.in(MAPPER.readTree("{\"a\": [1, {\"b\": [\"\\u0000\"]}]}"))).isTrue();
		assertThat(NulCharacters.in(MAPPER.readTree("\"\\u0000\""))).isTrue();
	}

	@Test
	void acceptsJsonWithoutNulCharacters() {
		assertThat(NulCharacters.in(MAPPER.readTree("{\"a\": [1, true, null, {\"b\": \"\\\\u0000\"}]}"))).isFalse();
		assertThat(NulCharacters.in(MAPPER.readTree("{}"))).isFalse();
		assertThat(NulCharacters.in((JsonNode) null)).isFalse();
	}

}
