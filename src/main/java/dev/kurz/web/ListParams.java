package dev.kurz.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.PageRequest;

/** Parses the query parameters shared by list endpoints. */
public final class ListParams {

	private ListParams() {
	}

	public static PageRequest page(String page, String perPage) {
		if (page == null && perPage == null) {
			return PageRequest.ALL;
		}
		Map<String, String> errors = new LinkedHashMap<>();
		int p = positive(page, 1, "page", errors);
		int size = positive(perPage, PageRequest.DEFAULT_PER_PAGE, "per_page", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new PageRequest(p, Math.min(size, PageRequest.MAX_PER_PAGE));
	}

	public static Long id(String value, String name) {
		if (value == null) {
			return null;
		}
		try {
			long id = Long.parseLong(value);
			if (id >= 1) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw InvalidInputException.of(name, "must be an integer >= 1");
	}

	public static Boolean flag(String value, String name) {
		if (value == null) {
			return null;
		}
		if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
			return Boolean.valueOf(value.toLowerCase());
		}
		throw InvalidInputException.of(name, "must be true or false");
	}

	private static int positive(String value, int fallback, String name, Map<String, String> errors) {
		if (value == null) {
			return fallback;
		}
		try {
			int n = Integer.parseInt(value.trim());
			if (n >= 1) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.put(name, "must be an integer >= 1");
		return fallback;
	}

}
