package dev.kurz.shared;

/** A unique value (custom short code, email) is already taken. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
