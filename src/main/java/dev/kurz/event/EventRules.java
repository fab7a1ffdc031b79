package dev.kurz.event;

import java.util.regex.Pattern;

/**
 * Field rules of an event, wherever one comes in: the API, list filters and CSV import.
 */
public final class EventRules {

	private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private EventRules() {
	}

	/** Why {@code type} cannot be an event type, or null. */
	public static String typeProblem(String type) {
		return TYPE.matcher(type).matches() ? null : "must match [A-Za-z0-9_.-]{1,32}";
	}

}
