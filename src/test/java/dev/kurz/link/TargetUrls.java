package dev.kurz.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import com.ibm.icu.text.IDNA;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated link targets in many scripts, and the test that a {@code Location} names the
 * same resource as the target it came from: host equal after IDNA, path, query and
 * fragment equal after percent-decoding.
 */
final class TargetUrls {

	private static final String[] HOST_LABELS = { "example", "bücher", "straße", "пример", "例え", "ドメイン", "中国", "한국",
			"ελλάδα", "भारत", "ไทย", "köln", "😀", "xn--bcher-kva", "r3---sn-abc", "a-b", "123abc", "EXAMPLE", "ｆｕｌｌ",
			"localhost", "127", "0x7f", "-bad", "bad_", "", "ע", "مثال" };

	private static final String[] TLDS = { "com", "de", "jp", "рф", "中国", "example", "org", "1", "" };

	/**
	 * Pieces of paths, queries and fragments: scripts, emoji, escapes, reserved and
	 * unsafe ASCII.
	 */
	private static final String[] PIECES = { "a", "Z", "9", "-", "_", ".", "~", "日本", "Köln", "ßü", "Москва", "Αθήνα",
			"서울", "北京", "القاهرة", "ירושלים", "भारत", "กรุงเทพ", "😀", "🎉", "%20", "%2B", "%E6%97%A5", "%", "%zz", "+",
			"(", ")", ";", "=", "&", ",", ":", "@", "!", "$", "'", "*", "/", "?", "#", "[", "]", "|", "{", "}", "^",
			"`", "<", ">", "\"", "\\", " ", "\t", "\u0000", "\u00a0", "\ud83d" };

	private TargetUrls() {
	}

	static String generate(Random random) {
		StringBuilder url = new StringBuilder();
		url.append(random.nextInt(4) == 0 ? "HTTP" : (random.nextBoolean() ? "http" : "https")).append("://");
		if (random.nextInt(20) == 0) {
			url.append("user@");
		}
		int labels = 1 + random.nextInt(2);
		for (int i = 0; i < labels; i++) {
			url.append(HOST_LABELS[random.nextInt(HOST_LABELS.length)]).append('.');
		}
		url.append(TLDS[random.nextInt(TLDS.length)]);
		if (random.nextInt(8) == 0) {
			url.append(':').append(random.nextInt(70_000));
		}
		url.append('/').append(pieces(random));
		if (random.nextBoolean()) {
			url.append('?').append(pieces(random)).append('=').append(pieces(random));
		}
		if (random.nextInt(3) == 0) {
			url.append('#').append(pieces(random));
		}
		return url.toString();
	}

	private static String pieces(Random random) {
		StringBuilder text = new StringBuilder();
		int count = random.nextInt(6);
		for (int i = 0; i < count; i++) {
			text.append(PIECES[random.nextInt(PIECES.length)]);
		}
		return text.toString();
	}

	/**
	 * Asserts that {@code location} is pure ASCII and names the resource {@code original}
	 * names.
	 */
	static void assertSameResource(String original, String location) {
		assertThat(location).as("Location of %s", original).matches("[\\x21-\\x7e]+");
		Split sent = Split.of(original);
		Split out = Split.of(location);
		assertThat(out.scheme()).isEqualToIgnoringCase(sent.scheme());
		assertThat(idna(hostOf(out.authority()))).as("host of %s", location).isEqualTo(idna(hostOf(sent.authority())));
		assertThat(decode(out.path())).as("path of %s from %s", location, original).isEqualTo(decode(sent.path()));
		assertThat(decode(out.query())).as("query of %s", location).isEqualTo(decode(sent.query()));
		assertThat(decode(out.fragment())).as("fragment of %s", location).isEqualTo(decode(sent.fragment()));
	}

	private static String hostOf(String authority) {
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		return (colon > host.lastIndexOf(']')) ? host.substring(0, colon) : host;
	}

	private static String idna(String host) {
		if (host.startsWith("[")) {
			return host;
		}
		StringBuilder out = new StringBuilder();
		IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII)
			.nameToASCII(new String(decode(host), StandardCharsets.UTF_8), out, new IDNA.Info());
		return out.toString();
	}

	/** Percent-decoding to bytes; a {@code %} that starts no escape stands for itself. */
	static byte[] decode(String text) {
		if (text == null) {
			return null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) && hex(text.charAt(i + 2))) {
				bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
				bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
				i = end - 1;
			}
		}
		return bytes.toByteArray();
	}

	private static boolean hex(char c) {
		return Character.digit(c, 16) >= 0 && c < 0x80;
	}

	/**
	 * RFC 3986 appendix B, written out again so that the test does not lean on the code
	 * it tests.
	 */
	record Split(String scheme, String authority, String path, String query, String fragment) {

		private static final java.util.regex.Pattern RFC3986 = java.util.regex.Pattern
			.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?$", java.util.regex.Pattern.DOTALL);

		static Split of(String url) {
			var m = RFC3986.matcher(url);
			// Appendix B's expression matches every string: matching only splits it into
			// its groups.
			m.matches();
			return new Split(m.group(2), m.group(4), m.group(5), m.group(7), m.group(9));
		}

	}

}
