package dev.kurz.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Adds a short URL's query string to its target's: the target's parameters come first and
 * stay as they are, a parameter the target already names keeps the target's value, and
 * the others follow in the order they came. The result is a valid URI whatever the query
 * held: escapes that are well formed stay, anything a query may not carry (a stray
 * {@code %}, a space, {@code #}, non-ASCII) is percent-encoded as UTF-8.
 */
final class QueryForwarding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	/** The characters a query may hold unescaped (RFC 3986 3.4), but {@code &}. */
	private static final String QUERY_PUNCTUATION = "-._~!$'()*+,;=:@/?";

	private QueryForwarding() {
	}

	/**
	 * @param location the target in URI form (ASCII, as {@link TargetUrl#location()}
	 * gives it), fragment included
	 * @param rawQuery the short URL's query string as received, without {@code ?}; null
	 * or empty when there was none
	 */
	static String merge(String location, String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return location;
		}
		int hash = location.indexOf('#');
		String beforeFragment = (hash < 0) ? location : location.substring(0, hash);
		String fragment = (hash < 0) ? "" : location.substring(hash);
		int questionMark = beforeFragment.indexOf('?');
		String targetQuery = (questionMark < 0) ? null : beforeFragment.substring(questionMark + 1);
		Set<String> taken = names(targetQuery);
		StringBuilder added = new StringBuilder();
		for (String parameter : rawQuery.split("&", -1)) {
			if (parameter.isEmpty() || taken.contains(name(parameter))) {
				continue;
			}
			if (!added.isEmpty()) {
				added.append('&');
			}
			encode(parameter, added);
		}
		if (added.isEmpty()) {
			return location;
		}
		String joiner;
		if (targetQuery == null) {
			joiner = "?";
		}
		else {
			joiner = (targetQuery.isEmpty() || targetQuery.endsWith("&")) ? "" : "&";
		}
		return beforeFragment + joiner + added + fragment;
	}

	private static Set<String> names(String query) {
		Set<String> names = new HashSet<>();
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (!parameter.isEmpty()) {
					names.add(name(parameter));
				}
			}
		}
		return names;
	}

	/**
	 * A parameter's name as form decoding reads it, so that {@code utm%5Fsource} and
	 * {@code utm_source} are one name.
	 */
	static String name(String parameter) {
		int equals = parameter.indexOf('=');
		return decode((equals < 0) ? parameter : parameter.substring(0, equals));
	}

	/**
	 * Percent-decodes as UTF-8 with {@code +} as a space; an escape that is not well
	 * formed stays as written.
	 */
	static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && isEscape(text, i)) {
				bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
				i += 2;
			}
			else if (c == '+') {
				bytes.write(' ');
			}
			else {
				int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
				bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
				i = end - 1;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static void encode(String text, StringBuilder out) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c == '%' && isEscape(text, i)) || (c < 0x80 && allowed(c))) {
				out.append(c);
			}
			else {
				int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
				for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
				}
				i = end - 1;
			}
		}
	}

	private static boolean allowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| QUERY_PUNCTUATION.indexOf(c) >= 0;
	}

	private static boolean isEscape(String text, int percent) {
		return percent + 2 < text.length() && Character.digit(text.charAt(percent + 1), 16) >= 0
				&& Character.digit(text.charAt(percent + 2), 16) >= 0 && text.charAt(percent + 1) < 0x80
				&& text.charAt(percent + 2) < 0x80;
	}

}
