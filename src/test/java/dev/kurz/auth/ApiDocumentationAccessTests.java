package dev.kurz.auth;

import dev.kurz.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and the Swagger UI are public and never rate limited. */
@TestPropertySource(properties = "kurz.rate-limit.enabled=true")
class ApiDocumentationAccessTests extends KeysModeTest {

	@Test
	void specAndSwaggerUiAnswerWithoutAKeyAndWithoutRateLimit() {
		Api.Response spec = this.api.get("/openapi.json");
		Api.Response docs = this.api.get("/docs");
		String page = docs.header("Location");
		Api.Response ui = this.api.get(page);
		Api.Response config = this.api.get("/openapi.json/swagger-config");

		assertThat(spec.status()).isEqualTo(200);
		assertThat(spec.json().get("openapi").stringValue()).startsWith("3.1");
		assertThat(docs.status()).isEqualTo(302);
		assertThat(page).isEqualTo("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui-bundle.js");
		assertThat(ui.header("Content-Security-Policy")).contains("script-src 'self'");
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.body()).contains("/openapi.json");
		assertThat(spec.header("RateLimit")).isNull();
		assertThat(ui.header("RateLimit")).isNull();
		Api.Response list = this.api.get("/urls");
		assertThat(list.status()).isEqualTo(401);
		assertThat(list.header("RateLimit")).isNotNull();
	}

}
