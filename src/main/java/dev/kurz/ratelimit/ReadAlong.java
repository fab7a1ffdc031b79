package dev.kurz.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A Redis key that an allowed API read is going to need: the limit script reads it in the
 * same call as it counts the request, so the read costs no round trip of its own. The
 * value is left in the request attribute {@link #VALUE_ATTRIBUTE}: the key's value, or
 * {@code ""} when it has none. The attribute is missing when the limits were decided
 * without Redis (unavailable, or limits off).
 */
public interface ReadAlong {

	/** The request attribute holding what the limit script read. */
	String VALUE_ATTRIBUTE = ReadAlong.class.getName() + ".value";

	/** The key to read for this {@code GET} request, or {@code null}. */
	String keyFor(HttpServletRequest request);

}
