package dev.kurz.link;

import dev.kurz.shared.NulCharacters;
import dev.kurz.shared.JsonBody;

/** Field rules of a link, wherever one comes in: create, update and CSV import. */
public final class LinkRules {

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

	/** Why {@code title} is not acceptable, or null; no title is acceptable. */
	public static String titleProblem(String title) {
		if (title != null && title.length() > MAX_TITLE) {
			return "must be at most " + MAX_TITLE + " characters";
		}
		if (NulCharacters.in(title)) {
			return "must not contain NUL characters";
		}
		return null;
	}

	static String title(JsonBody body, String value) {
		String problem = titleProblem(value);
		if (problem != null) {
			body.reject("title", problem);
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
