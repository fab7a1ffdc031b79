package dev.kurz.link;

import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An intranet deployment: private targets allowed, some hosts blocked, Kurz's own host
 * still refused.
 */
@TestPropertySource(
		properties = { "kurz.links.allow-private-targets=true", "kurz.links.blocked-hosts=evil.example, ßpam.de" })
class IntranetTargetTests extends HttpTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.1/wiki", "http://intranet.localhost/", "http://[fd00::1]:8080/",
			"http://192.168.1.20/ü" })
	void privateTargetsAreAcceptedWhenAllowed(String url) {
		assertThat(this.api.post("/shorten", Json.object("url", url)).status()).isEqualTo(201);
	}

	@Test
	void theRequestsOwnHostIsRefusedSoThatLinksCannotLoop() {
		String own = "http://127.0.0.1:" + this.port + "/" + Fixtures.uniqueCode();

		assertInvalid(this.api.post("/shorten", Json.object("url", own)), "url");
		assertInvalid(this.api.post("/shorten", Json.object("url", "http://127.0.0.1/other")), "url");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/", "https://EVIL.example./x", "https://www.evil.example/",
			"https://a.b.evil.example/", "https://ßpam.de/", "https://xn--pam-4ka.de/", "https://mail.ßpam.de/" })
	void blockedHostsAndTheirSubdomainsAreRefusedEverywhere(String url) {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long id = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/"));

		assertInvalid(this.api.post("/shorten", Json.object("url", url)), "url");
		assertInvalid(this.api.post("/urls", Json.object("user_id", userId, "original_url", url)), "original_url");
		assertInvalid(this.api.put("/urls/" + id, Json.object("original_url", url)), "original_url");
		var imported = this.api.upload("/urls/bulk", "file",
				"short_code,original_url\n" + Fixtures.uniqueCode() + "," + url + "\n");
		assertThat(imported.json().get("skipped").intValue()).isEqualTo(1);
	}

	@Test
	void aHostThatOnlyEndsLikeABlockedOneIsAccepted() {
		assertThat(this.api.post("/shorten", Json.object("url", "https://notevil.example/")).status()).isEqualTo(201);
	}

}
