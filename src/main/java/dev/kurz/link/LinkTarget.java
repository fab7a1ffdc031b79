package dev.kurz.link;

/**
 * What the redirect path needs to know about a live link.
 *
 * @param location the {@code Location} of its redirect (the URI form of its target), or
 * null when the stored target has none and the link cannot redirect
 */
public record LinkTarget(long id, String shortCode, String location) {

	/**
	 * Computes the URI form once, when the target is loaded, so no redirect pays for it.
	 */
	public static LinkTarget of(long id, String shortCode, String originalUrl) {
		return new LinkTarget(id, shortCode, TargetUrl.location(originalUrl));
	}

	public boolean canRedirect() {
		return this.location != null;
	}

}
