package dev.kurz.user;

import java.util.regex.Pattern;

import dev.kurz.shared.JsonBody;
import dev.kurz.shared.NulCharacters;

/** Field rules of a user, wherever one comes in: create, update and CSV import. */
public final class UserRules {

	static final int MAX_USERNAME = 100;

	static final int MAX_EMAIL = 254;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

	private UserRules() {
	}

	/** Why {@code username} (already stripped) is not acceptable, or null. */
	public static String usernameProblem(String username) {
		if (username.isEmpty()) {
			return "must not be blank";
		}
		if (username.length() > MAX_USERNAME) {
			return "must be at most " + MAX_USERNAME + " characters";
		}
		if (NulCharacters.in(username)) {
			return "must not contain NUL characters";
		}
		return null;
	}

	/** Why {@code email} (already stripped) is not acceptable, or null. */
	public static String emailProblem(String email) {
		if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches() || NulCharacters.in(email)) {
			return "must be a valid email address";
		}
		return null;
	}

	static String username(JsonBody body, String value) {
		return checked(body, "username", value, UserRules::usernameProblem);
	}

	static String email(JsonBody body, String value) {
		return checked(body, "email", value, UserRules::emailProblem);
	}

	private static String checked(JsonBody body, String field, String value,
			java.util.function.Function<String, String> rule) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		String problem = rule.apply(trimmed);
		if (problem != null) {
			body.reject(field, problem);
		}
		return trimmed;
	}

}
