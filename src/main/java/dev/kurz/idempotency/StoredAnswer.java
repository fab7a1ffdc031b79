package dev.kurz.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What Redis holds for one idempotency key: the request's fingerprint, and its answer
 * once it has one ({@code status} 0 while it runs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredAnswer(String fingerprint, int status, String contentType, String location, String body) {

	static StoredAnswer running(String fingerprint) {
		return new StoredAnswer(fingerprint, 0, null, null, null);
	}

	static StoredAnswer done(String fingerprint, int status, String contentType, String location, String body) {
		return new StoredAnswer(fingerprint, status, contentType, location, body);
	}

	boolean isRunning() {
		return this.status == 0;
	}

}
