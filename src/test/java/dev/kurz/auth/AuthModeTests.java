package dev.kurz.auth;

import java.time.Duration;
import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The open mode, and the keys mode with sign-up closed and anonymous links open. */
class AuthModeTests extends HttpTest {

	@Test
	void theOpenModeTakesNoKeysAndSaysSo() {
		Api.Response health = this.api.get("/health");
		assertThat(health.json().get("details").get("auth").stringValue()).isEqualTo("open");
		Api.Response user = this.api.post("/users", Json.object("username", "ada", "email", "ada@example.com"));
		assertThat(user.status()).isEqualTo(201);
		assertThat(user.json().has("api_key")).isFalse();
		// Keys are not looked at: a wrong one changes nothing.
		Api.Response list = this.api.send("GET", "/users", null, Map.of("Authorization", "Bearer nonsense"));
		assertThat(list.status()).isEqualTo(200);
		assertThat(this.api.get("/metrics").status()).isEqualTo(200);
	}

	/** Stdout, where the JSON log lines go (written in batches, so awaited). */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theOpenModeWarnsOnceAtStartUp(CapturedOutput output) {
		try (Instances.Instance open = Instances.start("kurz.auth.mode=open")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("API is unauthenticated"));
			assertThat(output.getOut().lines().filter((line) -> line.contains("API is unauthenticated")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("\"level\":\"WARN\"").contains("kurz.auth.mode=open"));
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theKeysModeSaysWhenNoAdminKeyIsSet(CapturedOutput output) {
		// Said at INFO, which the test configuration does not log.
		try (Instances.Instance keys = Instances.start("kurz.auth.mode=keys",
				"logging.level.dev.kurz.auth.AuthConfiguration=INFO")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("no admin key is set"));
			assertThat(keys.api().get("/health").json().get("details").get("auth").stringValue()).isEqualTo("keys");
		}
	}

	@Test
	void closedSignUpIsForAdminsAndAnonymousLinksBelongToNobody() {
		try (Instances.Instance keys = Instances.start("kurz.auth.mode=keys", "kurz.auth.signup=false",
				"kurz.auth.anonymous-links=true", "kurz.auth.admin-keys=" + KeysModeTest.ADMIN_KEY)) {
			Api anonymous = keys.api();
			Api admin = anonymous.withKey(KeysModeTest.ADMIN_KEY);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(anonymous.get("/health").status()).isEqualTo(200));

			AuthenticationTests.assertUnauthorized(
					anonymous.post("/users", Json.object("username", "eve", "email", "eve@example.com")));
			Api.Response ada = admin.post("/users", Json.object("username", "ada", "email", "ada@example.com"));
			assertThat(ada.status()).isEqualTo(201);
			Api asAda = anonymous.withKey(ada.json().get("api_key").stringValue());
			assertThat(asAda.post("/users", Json.object("username", "bob", "email", "bob@example.com")).status())
				.isEqualTo(403);

			Api.Response link = anonymous.post("/shorten", Json.object("url", "https://example.com/anon"));
			assertThat(link.status()).isEqualTo(201);
			assertThat(link.json().get("user_id").isNull()).isTrue();
			long id = link.json().get("id").longValue();
			assertThat(
					anonymous
						.post("/shorten",
								Json.object("url", "https://example.com/anon", "user_id",
										ada.json().get("id").longValue()))
						.status())
				.isEqualTo(404);
			AuthenticationTests.assertUnauthorized(
					anonymous.post("/urls", Json.object("user_id", 1, "original_url", "https://example.com/anon")));
			AuthenticationTests.assertUnauthorized(anonymous.put("/urls/" + id, "{\"title\":\"mine\"}"));
			assertThat(asAda.put("/urls/" + id, "{\"title\":\"mine\"}").status()).isEqualTo(404);
			assertThat(admin.put("/urls/" + id, "{\"title\":\"moderated\"}").status()).isEqualTo(200);

			JsonNode events = admin.get("/events?url_id=" + id).json();
			assertThat(events.get(0).get("details").get("actor").stringValue()).isEqualTo("anonymous");
			assertThat(events.get(1).get("details").get("actor").stringValue()).isEqualTo("admin");
		}
	}

}
