package dev.kurz.shared;

/** A request that is valid on its own but not allowed in the resource's current state. */
public class RuleViolationException extends RuntimeException {

	public RuleViolationException(String message) {
		super(message);
	}

}
