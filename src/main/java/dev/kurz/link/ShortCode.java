package dev.kurz.link;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A short code: the path segment that redirects. Custom codes are checked against the
 * rules.
 */
public record ShortCode(String value) {

	private static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9_-]{3,32}");

	/** Paths that the service itself answers, or may answer in the future. */
	static final Set<String> RESERVED = Set.of("users", "urls", "events", "shorten", "health", "metrics", "actuator",
			"api", "docs", "static", "favicon.ico", "robots.txt", "admin", "login", "logout", "stats", "error",
			"swagger-ui", "v3", "assets", "public", "well-known", ".well-known");

	/** Returns why {@code code} cannot be a custom code, or {@code null} when it can. */
	public static String problemWith(String code) {
		if (!CUSTOM.matcher(code).matches()) {
			return "must match [A-Za-z0-9_-]{3,32}";
		}
		if (isReserved(code)) {
			return "is reserved";
		}
		return null;
	}

	/**
	 * Whether {@code code} names one of the service's own paths, so can never be a short
	 * code.
	 */
	public static boolean isReserved(String code) {
		return RESERVED.contains(code.toLowerCase(Locale.ROOT));
	}

}
