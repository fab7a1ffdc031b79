package dev.kurz.link;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.text.IDNA;

/**
 * A redirect target as a client sent it: an absolute {@code http} or {@code https} URL
 * that may hold any Unicode (an IRI, RFC 3987). {@link #parse} checks its form and finds
 * its host in ASCII; {@link #location} gives the URI form that a {@code Location} header
 * can carry.
 * <p>
 * The split into components is RFC 3986's (appendix B). Host names go through IDNA UTS
 * #46 with non-transitional processing, as browsers do: {@code ß} stays {@code ß}, where
 * the JDK's {@code java.net.IDN} (IDNA 2003) would map it to {@code ss}.
 *
 * @param host the host in ASCII and lower case, without a trailing dot; an IPv6 literal
 * keeps its brackets
 * @param address the address when the host is an IP literal (IPv4 in any form a browser
 * reads), or null for a domain name
 * @param location the URI form: ASCII only, safe in a {@code Location} header
 */
public record TargetUrl(String host, InetAddress address, String location) {

	public static final int MAX_LENGTH = 2048;

	private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
			| IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

	/**
	 * Browsers accept hyphens in the third and fourth places
	 * ({@code r3---sn-abc.googlevideo.com}).
	 */
	private static final Set<IDNA.Error> TOLERATED = Set.of(IDNA.Error.HYPHEN_3_4);

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	/** Why a URL is refused; the message reads after the field name. */
	public static final class InvalidTargetException extends IllegalArgumentException {

		InvalidTargetException(String message) {
			super(message);
		}

	}

	/**
	 * Checks the form of {@code url}.
	 * @throws InvalidTargetException when it is not an absolute http(s) URL with a valid
	 * host
	 */
	public static TargetUrl parse(String url) {
		if (url.isEmpty()) {
			throw new InvalidTargetException("must not be empty");
		}
		if (url.length() > MAX_LENGTH) {
			throw new InvalidTargetException("must be at most " + MAX_LENGTH + " characters");
		}
		checkCharacters(url);
		Parts parts = Parts.of(url);
		if (parts == null) {
			throw new InvalidTargetException("must be an absolute http or https URL");
		}
		String authority = parts.authority();
		if (authority.indexOf('@') >= 0) {
			throw new InvalidTargetException("must not contain user info");
		}
		int portStart = portStart(authority);
		String rawHost = (portStart < 0) ? authority : authority.substring(0, portStart);
		if (portStart >= 0) {
			checkPort(authority.substring(portStart + 1));
		}
		if (rawHost.isEmpty()) {
			throw new InvalidTargetException("must have a host");
		}
		Host host = Host.of(rawHost);
		String port = (portStart < 0) ? "" : authority.substring(portStart);
		return new TargetUrl(host.ascii(), host.address(), location(parts, "", Host.forLocation(rawHost), port));
	}

	/**
	 * The URI form of a stored target, or null when it has none: a target stored before
	 * today's rules whose host fails IDNA, say. Checks no rule beyond what the conversion
	 * needs, so a target that breaks a rule but can be sent (user info, a private
	 * address) keeps redirecting.
	 */
	public static String location(String url) {
		if (isPlainUri(url)) {
			return url;
		}
		try {
			checkCharacters(url);
			Parts parts = Parts.of(url);
			if (parts == null) {
				return null;
			}
			String authority = parts.authority();
			int at = authority.lastIndexOf('@');
			String hostAndPort = authority.substring(at + 1);
			int portStart = portStart(hostAndPort);
			String rawHost = (portStart < 0) ? hostAndPort : hostAndPort.substring(0, portStart);
			String port = (portStart < 0) ? "" : hostAndPort.substring(portStart);
			if (rawHost.isEmpty() || !port.chars().allMatch((c) -> c < 0x80)) {
				return null;
			}
			String userInfo = (at >= 0) ? authority.substring(0, at + 1) : "";
			return location(parts, userInfo, Host.forLocation(rawHost), port);
		}
		catch (InvalidTargetException ex) {
			return null;
		}
	}

	/**
	 * ASCII that needs no encoding: the URI form is the text itself (most stored
	 * targets).
	 */
	private static boolean isPlainUri(String url) {
		if (url.isEmpty() || url.length() > MAX_LENGTH) {
			return false;
		}
		int hashes = 0;
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '%') {
				if (i + 2 >= url.length() || !isHex(url.charAt(i + 1)) || !isHex(url.charAt(i + 2))) {
					return false;
				}
			}
			else if (c >= 0x80 || !allowed(c) || (c == '#' && ++hashes > 1)) {
				return false;
			}
		}
		Parts parts = Parts.of(url);
		return parts != null && parts.authority().indexOf('%') < 0 && !parts.authority().isEmpty();
	}

	private static void checkCharacters(String url) {
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
				throw new InvalidTargetException("must not contain whitespace or control characters");
			}
			if (Character.isHighSurrogate(c) && i + 1 < url.length() && Character.isLowSurrogate(url.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidTargetException("must be valid Unicode text");
			}
		}
	}

	/**
	 * Index of the colon before the port, or -1; an IPv6 literal's colons are inside
	 * brackets.
	 */
	private static int portStart(String authority) {
		if (authority.startsWith("[") && authority.indexOf(']') < 0) {
			return -1;
		}
		int colon = authority.lastIndexOf(':');
		return (colon > authority.lastIndexOf(']')) ? colon : -1;
	}

	private static void checkPort(String port) {
		if (port.isEmpty()) {
			return;
		}
		if (port.length() > 5 || !port.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidTargetException("must have a port between 1 and 65535");
		}
		int value = Integer.parseInt(port);
		if (value < 1 || value > 65535) {
			throw new InvalidTargetException("must have a port between 1 and 65535");
		}
	}

	private static String location(Parts parts, String userInfo, String host, String port) {
		StringBuilder out = new StringBuilder(parts.url().length() + 16);
		out.append(parts.scheme()).append("://");
		encode(userInfo, out, false);
		out.append(host).append(port);
		encode(parts.path(), out, false);
		if (parts.query() != null) {
			out.append('?');
			encode(parts.query(), out, false);
		}
		if (parts.fragment() != null) {
			out.append('#');
			encode(parts.fragment(), out, true);
		}
		return out.toString();
	}

	/**
	 * Appends {@code text} with every character outside ASCII percent-encoded as UTF-8,
	 * and the ASCII characters that may not appear in a URI too. Existing {@code %XX}
	 * escapes and reserved characters stay as they are.
	 */
	private static void encode(String text, StringBuilder out, boolean fragment) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				out.append(c);
			}
			else if (c < 0x80 && allowed(c) && !(fragment && c == '#')) {
				out.append(c);
			}
			else {
				int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
				for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
				}
				i = end - 1;
			}
		}
	}

	/**
	 * Unreserved and reserved characters of RFC 3986; {@code %} only when it starts an
	 * escape.
	 */
	private static boolean allowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "-._~:/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** RFC 3986's components of an absolute URL with an authority. */
	private record Parts(String url, String scheme, String authority, String path, String query, String fragment) {

		static Parts of(String url) {
			int colon = url.indexOf(':');
			if (colon < 1) {
				return null;
			}
			String scheme = url.substring(0, colon);
			String lower = scheme.toLowerCase(Locale.ROOT);
			if (!(lower.equals("http") || lower.equals("https")) || !url.startsWith("//", colon + 1)) {
				return null;
			}
			int authorityStart = colon + 3;
			int authorityEnd = authorityStart;
			while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
				authorityEnd++;
			}
			int hash = url.indexOf('#', authorityEnd);
			String beforeFragment = (hash >= 0) ? url.substring(authorityEnd, hash) : url.substring(authorityEnd);
			int question = beforeFragment.indexOf('?');
			return new Parts(url, scheme, url.substring(authorityStart, authorityEnd),
					(question >= 0) ? beforeFragment.substring(0, question) : beforeFragment,
					(question >= 0) ? beforeFragment.substring(question + 1) : null,
					(hash >= 0) ? url.substring(hash + 1) : null);
		}

	}

	/** A host checked and in ASCII. */
	private record Host(String ascii, InetAddress address) {

		static Host of(String raw) {
			if (raw.startsWith("[")) {
				return new Host(raw.toLowerCase(Locale.ROOT), ipv6(raw));
			}
			String ascii = domainToAscii(raw);
			String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
			InetAddress ipv4 = endsInANumber(name) ? ipv4(name) : null;
			return new Host(name, ipv4);
		}

		/**
		 * The host as {@code Location} carries it: as sent when it is plain ASCII, else
		 * its ASCII form.
		 */
		static String forLocation(String raw) {
			boolean plain = raw.startsWith("[") || raw.chars().allMatch((c) -> c < 0x80 && c != '%');
			return plain ? raw : domainToAscii(raw);
		}

		private static String domainToAscii(String raw) {
			String unescaped = (raw.indexOf('%') >= 0) ? percentDecode(raw) : raw;
			StringBuilder out = new StringBuilder(unescaped.length() + 8);
			IDNA.Info info = new IDNA.Info();
			UTS46.nameToASCII(unescaped, out, info);
			if (info.hasErrors() && !TOLERATED.containsAll(info.getErrors())) {
				throw new InvalidTargetException("must have a valid host name");
			}
			String ascii = out.toString();
			if (ascii.isEmpty() || ascii.equals(".") || ascii.startsWith(".") || ascii.contains("..")) {
				throw new InvalidTargetException("must have a valid host name");
			}
			return ascii;
		}

		private static String percentDecode(String raw) {
			byte[] bytes = new byte[raw.length() * 4];
			int n = 0;
			for (int i = 0; i < raw.length(); i++) {
				char c = raw.charAt(i);
				if (c == '%') {
					if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
						throw new InvalidTargetException("must have a valid host name");
					}
					bytes[n++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
					i += 2;
				}
				else {
					for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
						bytes[n++] = b;
					}
				}
			}
			return new String(bytes, 0, n, StandardCharsets.UTF_8);
		}

		/**
		 * The WHATWG URL standard's test: a last label that is a number makes the host
		 * IPv4.
		 */
		private static boolean endsInANumber(String name) {
			String last = name.substring(name.lastIndexOf('.') + 1);
			if (last.isEmpty()) {
				return false;
			}
			if (last.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				return true;
			}
			return (last.startsWith("0x") || last.startsWith("0X"))
					&& last.substring(2).chars().allMatch((c) -> isHex((char) c));
		}

		/**
		 * IPv4 as browsers read it: one to four parts, each decimal, octal (leading 0) or
		 * hex (0x).
		 */
		private static InetAddress ipv4(String name) {
			String[] parts = name.split("\\.", -1);
			if (parts.length > 4) {
				throw new InvalidTargetException("must have a valid host name or IP address");
			}
			long[] numbers = new long[parts.length];
			for (int i = 0; i < parts.length; i++) {
				numbers[i] = ipv4Number(parts[i]);
				if (i < parts.length - 1 && numbers[i] > 255) {
					throw new InvalidTargetException("must have a valid host name or IP address");
				}
			}
			long last = numbers[parts.length - 1];
			if (last >= (1L << (8 * (5 - parts.length)))) {
				throw new InvalidTargetException("must have a valid host name or IP address");
			}
			long value = last;
			for (int i = 0; i < parts.length - 1; i++) {
				value += numbers[i] << (8 * (3 - i));
			}
			byte[] bytes = { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value };
			try {
				return Inet4Address.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static long ipv4Number(String part) {
			int radix = 10;
			String digits = part;
			if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
				radix = 16;
				digits = part.substring(2);
			}
			else if (part.length() >= 2 && part.startsWith("0")) {
				radix = 8;
				digits = part.substring(1);
			}
			if (digits.isEmpty()) {
				if (radix == 10) {
					throw new InvalidTargetException("must have a valid host name or IP address");
				}
				return 0;
			}
			if (digits.length() > 12) {
				throw new InvalidTargetException("must have a valid host name or IP address");
			}
			try {
				return Long.parseLong(digits, radix);
			}
			catch (NumberFormatException ex) {
				throw new InvalidTargetException("must have a valid host name or IP address");
			}
		}

		/**
		 * An IPv6 literal in brackets; parsed by the JDK, which never asks DNS for a
		 * bracketed literal.
		 */
		private static InetAddress ipv6(String raw) {
			if (!raw.endsWith("]") || raw.length() < 4) {
				throw new InvalidTargetException("must have a valid IPv6 address");
			}
			String inside = raw.substring(1, raw.length() - 1);
			if (inside.indexOf(':') < 0 || !inside.chars().allMatch((c) -> isHex((char) c) || c == ':' || c == '.')) {
				throw new InvalidTargetException("must have a valid IPv6 address");
			}
			try {
				InetAddress address = InetAddress.getByName(raw);
				if (!(address instanceof Inet6Address) && !(address instanceof Inet4Address)) {
					throw new InvalidTargetException("must have a valid IPv6 address");
				}
				return address;
			}
			catch (UnknownHostException ex) {
				throw new InvalidTargetException("must have a valid IPv6 address");
			}
		}

	}

}
