package dev.kurz.shared;

/**
 * A live link whose stored target has no URI form, so no {@code Location} can carry it:
 * stored data is at fault, not the request. RUNBOOK.md says how to find and mend such
 * links.
 */
public class UnsendableTargetException extends RuntimeException {

	private final long linkId;

	public UnsendableTargetException(long linkId) {
		super("link target cannot be sent as a redirect");
		this.linkId = linkId;
	}

	public long linkId() {
		return this.linkId;
	}

}
