package dev.kurz.link;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicBaseUrlTests {

	@Test
	void configuredBaseIsUsedWithoutATrailingSlash() {
		assertThat(new PublicBaseUrl("https://kurz.example").resolve()).isEqualTo("https://kurz.example");
		assertThat(new PublicBaseUrl("https://kurz.example/").resolve()).isEqualTo("https://kurz.example");
		assertThat(new PublicBaseUrl("https://kurz.example/s/").resolve()).isEqualTo("https://kurz.example/s");
	}

}
