package dev.kurz.link;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Link targets end to end: any script redirects with an ASCII Location; deceptive targets
 * are 422.
 */
class TargetRulesApiTests extends HttpTest {

	@Autowired
	private StoredTargetCheck storedTargets;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					https://ja.wikipedia.org/wiki/日本          | https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC
					https://de.wikipedia.org/wiki/Köln          | https://de.wikipedia.org/wiki/K%C3%B6ln
					https://bücher.de/                          | https://xn--bcher-kva.de/
					https://пример.рф/                          | https://xn--e1afmkfd.xn--p1ai/
					https://例え.jp/パス?キー=値#節              | https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?%E3%82%AD%E3%83%BC=%E5%80%A4#%E7%AF%80
					https://he.wikipedia.org/wiki/ירושלים       | https://he.wikipedia.org/wiki/%D7%99%D7%A8%D7%95%D7%A9%D7%9C%D7%99%D7%9D
					https://example.com/%E6%97%A5?q=a+b&r=%2B   | https://example.com/%E6%97%A5?q=a+b&r=%2B
					https://en.wikipedia.org/wiki/Mercury_(planet) | https://en.wikipedia.org/wiki/Mercury_(planet)
					""")
	void linkInAnyScriptIsKeptAsSentAndRedirectsWithItsUriForm(String url, String location) {
		JsonNode link = shorten(url);

		assertThat(link.get("original_url").stringValue()).isEqualTo(url);
		assertThat(this.api.get("/urls/" + Fixtures.id(link)).json().get("original_url").stringValue()).isEqualTo(url);
		Api.Response redirect = this.api.get("/" + link.get("short_code").stringValue());
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).isEqualTo(location);
		Api.Response head = this.api.head("/" + link.get("short_code").stringValue());
		assertThat(head.header("Location")).isEqualTo(location);
	}

	@Test
	void retargetingToAUnicodeUrlRedirectsToItsNewUriForm() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode link = Fixtures.url(this.api, userId, "https://example.com/old");
		String code = link.get("short_code").stringValue();
		assertThat(this.api.get("/" + code).header("Location")).isEqualTo("https://example.com/old");

		Api.Response updated = this.api.put("/urls/" + Fixtures.id(link),
				Json.object("original_url", "https://ko.wikipedia.org/wiki/서울"));

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("original_url").stringValue()).isEqualTo("https://ko.wikipedia.org/wiki/서울");
		assertThat(this.api.get("/" + code).header("Location"))
			.isEqualTo("https://ko.wikipedia.org/wiki/%EC%84%9C%EC%9A%B8");
	}

	/** Seeded, so a failure names a URL that fails again. */
	@Test
	void generatedTargetsEitherRedirectToTheSameResourceOrAre422() {
		Random random = new Random(20_20);
		int accepted = 0;
		for (int i = 0; i < 150; i++) {
			String url = TargetUrls.generate(random);
			if (!url.equals(new String(url.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
				// An unpaired surrogate: UTF-8 cannot carry it, so no client can send it.
				continue;
			}
			Api.Response created = this.api.post("/shorten", Json.object("url", url));
			if (created.status() == 422) {
				assertInvalid(created, "url");
				continue;
			}
			assertThat(created.status()).as("%s: %s", url, created.body()).isEqualTo(201);
			accepted++;
			Api.Response redirect = this.api.get("/" + created.json().get("short_code").stringValue());
			assertThat(redirect.status()).as(url).isEqualTo(302);
			TargetUrls.assertSameResource(url, redirect.header("Location"));
		}
		assertThat(accepted).as("generated targets accepted").isGreaterThan(20);
		Fixtures.settleClicks(this.api);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://google.com@evil.example/login", "https://user:pass@example.com/",
			"https://example.com:0/", "https://example.com:65536/", "http://localhost/", "http://LOCALHOST:8080/",
			"http://app.localhost/", "http://127.0.0.1/", "http://127.1.2.3:9000/", "http://2130706433/",
			"http://0x7f.1/", "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
			"http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/",
			"http://[fd00::1]/", "http://[fc00::1]/", "http://[::]/", "http://[::ffff:10.0.0.1]/",
			"http://[::ffff:127.0.0.1]/" })
	void deceptiveAndPrivateTargetsAre422OnEveryEndpointAndSkippedInImports(String url) {
		long userId = Fixtures.id(Fixtures.user(this.api));
		JsonNode link = Fixtures.url(this.api, userId, "https://example.com/kept");

		assertInvalid(this.api.post("/shorten", Json.object("url", url)), "url");
		assertInvalid(this.api.post("/urls", Json.object("user_id", userId, "original_url", url)), "original_url");
		assertInvalid(this.api.put("/urls/" + Fixtures.id(link), Json.object("original_url", url)), "original_url");
		assertThat(this.api.get("/urls/" + Fixtures.id(link)).json().get("original_url").stringValue())
			.isEqualTo("https://example.com/kept");
		JsonNode imported = this.api
			.upload("/urls/bulk", "file", "short_code,original_url\n" + Fixtures.uniqueCode() + ",\"" + url + "\"\n")
			.json();
		assertThat(imported.get("imported").intValue()).isZero();
		assertThat(imported.get("skipped").intValue()).isEqualTo(1);
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo("1");
	}

	@Test
	void aValidationErrorNamesItsFirstFieldInTheErrorString() {
		JsonNode body = assertInvalid(this.api.post("/shorten", Json.object("url", "https://google.com@evil.example/")),
				"url");

		assertThat(body.get("error").stringValue()).isEqualTo("validation failed: url: must not contain user info");
	}

	@Test
	void aStoredTargetThatCannotBeSentAnswersAnErrorAndCountsNoClick() {
		String code = Fixtures.uniqueCode();
		long id = this.jdbc.queryForObject("""
				INSERT INTO urls (short_code, original_url, is_active, created_at, updated_at)
				VALUES (?, 'https://bad..hôst.example/', true, now(), now()) RETURNING id""", Long.class, code);

		Api.Response get = this.api.get("/" + code);
		Api.Response head = this.api.head("/" + code);

		JsonNode problem = assertProblem(get, 500);
		assertThat(problem.get("error").stringValue()).isEqualTo("link target cannot be sent as a redirect");
		assertThat(get.header("Location")).isNull();
		assertThat(head.status()).isEqualTo(500);
		Fixtures.settleClicks(this.api);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ?", Long.class, id)).isZero();
	}

	@Test
	void theStartupCheckFindsStoredTargetsThatCannotBeSentOrBreakTheRules() {
		long unsendable = insert("https://bad..hôst.example/");
		long userInfo = insert("https://user@example.com/");
		long privateTarget = insert("http://10.1.2.3/");
		insert("https://example.com/fine");
		insert("https://bücher.de/fine");

		StoredTargetCheck.Findings findings = this.storedTargets.check();

		assertThat(findings.unsendable().ids()).containsExactly(unsendable);
		assertThat(findings.breakingRules().ids()).containsExactly(userInfo, privateTarget);
		assertThat(findings.breakingRules().count()).isEqualTo(2);
	}

	private long insert(String url) {
		return this.jdbc.queryForObject("""
				INSERT INTO urls (short_code, original_url, is_active, created_at, updated_at)
				VALUES (?, ?, true, now(), now()) RETURNING id""", Long.class, Fixtures.uniqueCode(), url);
	}

	private JsonNode shorten(String url) {
		Api.Response response = this.api.post("/shorten", Json.object("url", url));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

}
