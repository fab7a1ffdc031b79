package dev.kurz.link;

import dev.kurz.link.TargetUrl.InvalidTargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real links in many scripts, and their URI forms as a {@code Location} carries them. */
class TargetUrlTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Japanese      | https://ja.wikipedia.org/wiki/日本                  | https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC
					Japanese IRI  | https://例え.jp/パス?キー=値#節                      | https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?%E3%82%AD%E3%83%BC=%E5%80%A4#%E7%AF%80
					Chinese       | https://zh.wikipedia.org/wiki/北京市                | https://zh.wikipedia.org/wiki/%E5%8C%97%E4%BA%AC%E5%B8%82
					Chinese host  | http://中国政府.政务/                                | http://xn--fiqs8sirgfmh.xn--zfr164b/
					Korean        | https://ko.wikipedia.org/wiki/서울특별시            | https://ko.wikipedia.org/wiki/%EC%84%9C%EC%9A%B8%ED%8A%B9%EB%B3%84%EC%8B%9C
					Arabic        | https://ar.wikipedia.org/wiki/القاهرة               | https://ar.wikipedia.org/wiki/%D8%A7%D9%84%D9%82%D8%A7%D9%87%D8%B1%D8%A9
					Arabic host   | https://مثال.إختبار/مسار                            | https://xn--mgbh0fb.xn--kgbechtv/%D9%85%D8%B3%D8%A7%D8%B1
					Hebrew        | https://he.wikipedia.org/wiki/ירושלים               | https://he.wikipedia.org/wiki/%D7%99%D7%A8%D7%95%D7%A9%D7%9C%D7%99%D7%9D
					Hindi         | https://hi.wikipedia.org/wiki/भारत                  | https://hi.wikipedia.org/wiki/%E0%A4%AD%E0%A4%BE%E0%A4%B0%E0%A4%A4
					Thai          | https://th.wikipedia.org/wiki/กรุงเทพมหานคร?q=ไทย    | https://th.wikipedia.org/wiki/%E0%B8%81%E0%B8%A3%E0%B8%B8%E0%B8%87%E0%B9%80%E0%B8%97%E0%B8%9E%E0%B8%A1%E0%B8%AB%E0%B8%B2%E0%B8%99%E0%B8%84%E0%B8%A3?q=%E0%B9%84%E0%B8%97%E0%B8%A2
					Greek         | https://el.wikipedia.org/wiki/Αθήνα                 | https://el.wikipedia.org/wiki/%CE%91%CE%B8%CE%AE%CE%BD%CE%B1
					Cyrillic host | https://пример.рф/путь                              | https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C
					Latin         | https://de.wikipedia.org/wiki/Köln                  | https://de.wikipedia.org/wiki/K%C3%B6ln
					IDN host      | https://bücher.de/                                  | https://xn--bcher-kva.de/
					Eszett kept   | https://straße.de/                                  | https://xn--strae-oqa.de/
					Emoji         | https://😀.example/😀?q=🎉#✨                        | https://xn--e28h.example/%F0%9F%98%80?q=%F0%9F%8E%89#%E2%9C%A8
					Encoded path  | https://example.com/a%20b/%E6%97%A5                 | https://example.com/a%20b/%E6%97%A5
					Mixed escapes | https://example.com/%E6%97%A5本                     | https://example.com/%E6%97%A5%E6%9C%AC
					Plus signs    | https://example.com/a+b?q=c+d&r=%2B                 | https://example.com/a+b?q=c+d&r=%2B
					Parentheses   | https://en.wikipedia.org/wiki/Mercury_(planet)      | https://en.wikipedia.org/wiki/Mercury_(planet)
					Matrix        | https://example.com/map;lat=50;lon=8/tiles;z=3      | https://example.com/map;lat=50;lon=8/tiles;z=3
					Port and case | HTTPS://Example.COM:8443/Ä                          | HTTPS://Example.COM:8443/%C3%84
					Lone percent  | https://example.com/100%                            | https://example.com/100%25
					Unsafe ASCII  | https://example.com/a{c}^`<>\"                      | https://example.com/a%7Bc%7D%5E%60%3C%3E%22
					Second hash   | https://example.com/#a#b                            | https://example.com/#a%23b
					IPv6          | https://[2001:db8::1]:8080/ü                        | https://[2001:db8::1]:8080/%C3%BC
					""")
	void targetInAnyScriptRedirectsToItsUriForm(String script, String url, String location) {
		TargetUrl target = TargetUrl.parse(url);

		assertThat(target.location()).isEqualTo(location);
		assertThat(target.location()).matches("\\p{ASCII}+");
		assertThat(TargetUrl.location(url)).isEqualTo(location);
		assertThat(TargetUrl.location(location)).as("the URI form of a URI form is itself").isEqualTo(location);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://bücher.de/             | xn--bcher-kva.de
			https://straße.de/             | xn--strae-oqa.de
			https://EXAMPLE.com./x         | example.com
			https://ＥＸＡＭＰＬＥ.com/       | example.com
			https://b%C3%BCcher.de/        | xn--bcher-kva.de
			https://r3---sn-abc.googlevideo.com/videoplayback | r3---sn-abc.googlevideo.com
			""")
	void hostIsCheckedInItsAsciiForm(String url, String host) {
		assertThat(TargetUrl.parse(url).host()).isEqualTo(host);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://2130706433/         | 127.0.0.1
			http://0x7f.1/             | 127.0.0.1
			http://0177.0.0.01/        | 127.0.0.1
			http://１２７.０.０.１/        | 127.0.0.1
			http://10.1/               | 10.0.0.1
			http://[::ffff:127.0.0.1]/ | 127.0.0.1
			""")
	void numericHostsAreReadAsBrowsersReadThem(String url, String address) {
		assertThat(TargetUrl.parse(url).address().getHostAddress()).isEqualTo(address);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://google.com@evil.example/login | must not contain user info
			https://user:pass@example.com/        | must not contain user info
			https://example.com:0/                | must have a port between 1 and 65535
			https://example.com:65536/            | must have a port between 1 and 65535
			https://example.com:8o/               | must have a port between 1 and 65535
			https://a..b/                         | must have a valid host name
			https://exa_mple.com/                 | must have a valid host name
			https://-leading.example/             | must have a valid host name
			http://1.2.3.4.5/                     | must have a valid host name or IP address
			http://256.1.1.1/                     | must have a valid host name or IP address
			https://[fe80::1%25eth0]/             | must have a valid IPv6 address
			https://[not:an:address/              | must have a valid IPv6 address
			https://example.com/a b               | must not contain whitespace or control characters
			ftp://example.com/                    | must be an absolute http or https URL
			https:example.com                     | must be an absolute http or https URL
			https:///path                         | must have a host
			""")
	void malformedOrDeceptiveTargetsAreRefusedWithAReason(String url, String reason) {
		assertThatThrownBy(() -> TargetUrl.parse(url)).isInstanceOf(InvalidTargetException.class).hasMessage(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "/path", "//example.com/x", "javascript:alert(1)", "data:text/html,hi",
			"mailto:a@example.com", "http://", "http://example.com/\t", "http://example.com/\u0000",
			"http://example.com/\u007f", "http://example.com/\u00a0", "http://example.com/\u2028", "http://[bad",
			"https://example.com/\ud800x" })
	void anythingElseIsRefused(String url) {
		assertThatThrownBy(() -> TargetUrl.parse(url)).isInstanceOf(InvalidTargetException.class);
	}

	@Test
	void aVerticalBarIsEncoded() {
		assertThat(TargetUrl.parse("https://example.com/a|b?c|d").location())
			.isEqualTo("https://example.com/a%7Cb?c%7Cd");
	}

	@Test
	void lengthIsLimitedTo2048Characters() {
		String prefix = "https://example.com/";
		String longest = prefix + "a".repeat(TargetUrl.MAX_LENGTH - prefix.length());

		assertThat(TargetUrl.parse(longest).location()).isEqualTo(longest);
		assertThatThrownBy(() -> TargetUrl.parse(longest + "a")).hasMessageContaining("2048");
	}

	@Test
	void aStoredTargetThatBreaksARuleButCanBeSentKeepsItsUriForm() {
		assertThat(TargetUrl.location("https://user:pä@bücher.de:8080/ä"))
			.isEqualTo("https://user:p%C3%A4@xn--bcher-kva.de:8080/%C3%A4");
		assertThat(TargetUrl.location("https://google.com@evil.example/"))
			.isEqualTo("https://google.com@evil.example/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://bad..hôst.example/", "ftp://example.com/ü", "https://例え.jp/\u0001", "" })
	void aStoredTargetWithNoUriFormHasNoLocation(String url) {
		assertThat(TargetUrl.location(url)).isNull();
	}

}
