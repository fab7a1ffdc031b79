package dev.kurz.shared;

/** A request the server cannot parse: malformed CSV, multipart without its file. */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
