package dev.kurz.user;

import java.util.regex.Pattern;

import dev.kurz.shared.NulCharacters;
import dev.kurz.web.JsonBody;

/** Field rules shared by user creation and update. */
final class UserRules {

	static final int MAX_USERNAME = 100;

	static final int MAX_EMAIL = 254;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

	private UserRules() {
	}

	static String username(JsonBody body, String value) {
		if (value != null) {
			String trimmed = value.strip();
			if (trimmed.isEmpty()) {
				body.reject("username", "must not be blank");
			}
			else if (trimmed.length() > MAX_USERNAME) {
				body.reject("username", "must be at most " + MAX_USERNAME + " characters");
			}
			else if (NulCharacters.in(trimmed)) {
				body.reject("username", "must not contain NUL characters");
			}
			return trimmed;
		}
		return null;
	}

	static String email(JsonBody body, String value) {
		if (value != null) {
			String trimmed = value.strip();
			if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches() || NulCharacters.in(trimmed)) {
				body.reject("email", "must be a valid email address");
			}
			return trimmed;
		}
		return null;
	}

}
