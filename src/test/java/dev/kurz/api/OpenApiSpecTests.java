package dev.kurz.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiSpecTests extends HttpTest {

	@Test
	void specIsServedAndWrittenForTheLinter() throws IOException {
		Api.Response response = this.api.get("/openapi.json");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/openapi.json"), response.body());
	}

}
