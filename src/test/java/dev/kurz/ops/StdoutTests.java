package dev.kurz.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log shippers read stdout as JSON lines: nothing else may appear there outside the dev
 * profile.
 */
class StdoutTests {

	@Test
	void theBannerIsOffByDefaultAndOnOnlyInTheDevProfile() throws IOException {
		assertThat(load("/application.properties").getProperty("spring.main.banner-mode")).isEqualTo("off");
		assertThat(load("/application-dev.properties").getProperty("spring.main.banner-mode")).isEqualTo("console");
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = StdoutTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(in);
		}
		return properties;
	}

}
