package dev.kurz.link;

import dev.kurz.shared.NulCharacters;
import dev.kurz.web.JsonBody;

/** Field rules shared by the create and update requests. */
final class LinkRules {

	static final int MAX_TITLE = 500;

	private LinkRules() {
	}

	static String url(JsonBody body, String field, String value, TargetRules targets) {
		if (value != null) {
			String problem = targets.problemWith(value);
			if (problem != null) {
				body.reject(field, problem);
			}
		}
		return value;
	}

	static String title(JsonBody body, String value) {
		if (value != null && value.length() > MAX_TITLE) {
			body.reject("title", "must be at most " + MAX_TITLE + " characters");
		}
		else if (NulCharacters.in(value)) {
			body.reject("title", "must not contain NUL characters");
		}
		return value;
	}

	static ShortCode customCode(JsonBody body, String value) {
		if (value == null) {
			return null;
		}
		String problem = ShortCode.problemWith(value);
		if (problem != null) {
			body.reject("short_code", problem);
			return null;
		}
		return new ShortCode(value);
	}

}
