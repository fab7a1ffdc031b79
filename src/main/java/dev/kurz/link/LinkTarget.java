package dev.kurz.link;

/**
 * What the redirect path needs to know about a live link.
 *
 * @param location the {@code Location} of its redirect (the URI form of its target), or
 * null when the stored target has none and the link cannot redirect
 * @param rules the link's rules; {@link RedirectRules#NONE} for a plain link
 */
public record LinkTarget(long id, String shortCode, String location, RedirectRules rules) {

	/**
	 * Computes the URI form once, when the target is loaded, so no redirect pays for it.
	 */
	public static LinkTarget of(long id, String shortCode, String originalUrl, RedirectRules rules) {
		return new LinkTarget(id, shortCode, TargetUrl.location(originalUrl), rules);
	}

	public boolean canRedirect() {
		return this.location != null;
	}

}
