package dev.kurz.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who a request acts for. Services scope what they read and change to it: a restricted
 * caller sees and changes only the rows of its own user, and rows of anyone else look
 * like rows that do not exist.
 *
 * @param actor how audit events name the caller: {@code "user:<id>"}, {@code "admin"} or
 * {@code "anonymous"}
 * @param userId the caller's user, or null for an admin or anonymous caller
 * @param unrestricted whether every row is the caller's (an admin key, or the open mode)
 */
public record Caller(String actor, Long userId, boolean unrestricted) {

	private static final Caller ADMIN = new Caller("admin", null, true);

	private static final Caller ANONYMOUS = new Caller("anonymous", null, false);

	private static final Caller OPEN = new Caller("anonymous", null, true);

	/** Holder of an admin key. */
	public static Caller admin() {
		return ADMIN;
	}

	/** Holder of one of this user's keys. */
	public static Caller user(long userId) {
		return new Caller("user:" + userId, userId, false);
	}

	/**
	 * No key sent, where a route takes such requests: owns nothing, may change nothing.
	 */
	public static Caller anonymous() {
		return ANONYMOUS;
	}

	/**
	 * No key sent, in the open mode: every request may do everything, as on a trusted
	 * network.
	 */
	public static Caller open() {
		return OPEN;
	}

	/**
	 * The caller of the current request. A thread without one (no request, or a request
	 * the security filters never saw) is anonymous: it fails closed, seeing and changing
	 * nothing.
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Caller caller) ? caller : ANONYMOUS;
	}

	/**
	 * Whether a row owned by {@code ownerId} (null: owned by nobody) is visible to this
	 * caller.
	 */
	public boolean owns(Long ownerId) {
		return this.unrestricted || (this.userId != null && this.userId.equals(ownerId));
	}

	/** Whether this caller may read and change the user {@code id}. */
	public boolean actsFor(long id) {
		return this.unrestricted || (this.userId != null && this.userId == id);
	}

	/**
	 * The user id that a restricted caller's queries are scoped to; -1, which no row has,
	 * when it has none.
	 */
	public long scope() {
		return (this.userId != null) ? this.userId : -1;
	}

}
