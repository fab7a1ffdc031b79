package dev.kurz.shared;

/** A request body larger than the endpoint accepts. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String message) {
		super(message);
	}

}
