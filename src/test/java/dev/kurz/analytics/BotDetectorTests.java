package dev.kurz.analytics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BotDetectorTests {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
			+ "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

	private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	private final BotDetector detector = new BotDetector();

	@Test
	void everySampleAgentOfTheListIsABot() {
		List<BotDetector.Crawler> crawlers = BotDetector.crawlers(new ClassPathResource(BotDetector.LIST));
		assertThat(crawlers).hasSizeGreaterThan(1000);
		List<String> missed = crawlers.stream()
			.flatMap((crawler) -> crawler.instances().stream())
			.filter((agent) -> !this.detector.isBot(agent))
			.toList();
		assertThat(missed).isEmpty();
	}

	@Test
	void browsersArePeople() {
		assertThat(this.detector.isBot(FIREFOX)).isFalse();
		assertThat(this.detector.isBot(CHROME)).isFalse();
		assertThat(this.detector.isBot(SAFARI_IPHONE)).isFalse();
		// Asked again: the kept answer is the same.
		assertThat(this.detector.isBot(CHROME)).isFalse();
	}

	@Test
	void crawlersAndCommandLineClientsTheListNamesAreBots() {
		assertThat(this.detector.isBot(GOOGLEBOT)).isTrue();
		assertThat(this.detector.isBot("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"))
			.isTrue();
		assertThat(this.detector.isBot("curl/8.5.0")).isTrue();
		assertThat(this.detector.isBot("python-requests/2.32.3")).isTrue();
		assertThat(this.detector.isBot("Wget/1.21.4")).isTrue();
	}

	@Test
	void aRequestWithoutAUserAgentIsABot() {
		assertThat(this.detector.isBot(null)).isTrue();
		assertThat(this.detector.isBot("")).isTrue();
		assertThat(this.detector.isBot("   ")).isTrue();
	}

	@Test
	void theMatcherIsBuiltFromTheListItIsGiven() {
		BotDetector detector = new BotDetector(new ByteArrayResource("""
				[{"pattern": "^Kurzbot\\\\/", "url": "https://kurz.example", "instances": ["Kurzbot/1.0"]}]
				""".getBytes()));
		assertThat(detector.isBot("Kurzbot/1.0")).isTrue();
		assertThat(detector.isBot("x Kurzbot/1.0")).isFalse();
		assertThat(detector.isBot(GOOGLEBOT)).isFalse();
	}

	@Test
	void onlyPatternsWithoutOperatorsAreLookedUpAsText() {
		assertThat(BotDetector.plainText("Googlebot\\/")).isEqualTo("Googlebot/");
		assertThat(BotDetector.plainText("Mediapartners \\(Googlebot\\)")).isEqualTo("Mediapartners (Googlebot)");
		assertThat(BotDetector.plainText("^curl")).isNull();
		assertThat(BotDetector.plainText("[wW]get")).isNull();
		assertThat(BotDetector.plainText("BlogTraffic\\/\\d")).isNull();
	}

	@Test
	void anUnreadableListStopsTheStart() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new BotDetector(new ByteArrayResource("not json".getBytes())));
	}

}
