package dev.kurz.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What Kurz accepts as a redirect target. */
public final class UrlRules {

	public static final int MAX_LENGTH = 2048;

	private UrlRules() {
	}

	/** Returns why {@code url} is not acceptable, or {@code null} when it is. */
	public static String problemWith(String url) {
		if (url.isEmpty()) {
			return "must not be empty";
		}
		if (url.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
				return "must not contain whitespace or control characters";
			}
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "must be a valid absolute http or https URL";
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.toLowerCase(Locale.ROOT).equals("http") || scheme.toLowerCase(Locale.ROOT).equals("https"))) {
			return "must be an absolute http or https URL";
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			return "must have a host";
		}
		return null;
	}

}
