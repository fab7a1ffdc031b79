package dev.kurz.shared;

/**
 * The addressed resource does not exist (or is deleted, which clients cannot tell apart).
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
