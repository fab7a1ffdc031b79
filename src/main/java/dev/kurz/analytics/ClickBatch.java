package dev.kurz.analytics;

import java.util.List;

/**
 * The clicks one transaction writes, and the id the batch took for {@code click_batches}
 * before its first attempt: once an attempt has sent it, a failed attempt may have
 * committed, and a retry proves it did not before writing.
 */
final class ClickBatch {

	private final List<Click> clicks;

	private Long id;

	private long idTakenNanos;

	private boolean sent;

	ClickBatch(List<Click> clicks) {
		this.clicks = clicks;
	}

	List<Click> clicks() {
		return this.clicks;
	}

	int size() {
		return this.clicks.size();
	}

	Long id() {
		return this.id;
	}

	/** Nanoseconds since the batch took its id. */
	long idAgeNanos() {
		return System.nanoTime() - this.idTakenNanos;
	}

	void idTaken(long id) {
		this.id = id;
		this.idTakenNanos = System.nanoTime();
		this.sent = false;
	}

	/** Whether an attempt may have sent the id to PostgreSQL. */
	boolean sent() {
		return this.sent;
	}

	/** An attempt is about to send the id. */
	void sending() {
		this.sent = true;
	}

}
