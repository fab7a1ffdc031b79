package dev.kurz.user;

/**
 * The API keys of users, as the user feature needs them: a new user gets a first key, and
 * a deleted user's keys stop working. The user feature owns this interface and the auth
 * feature implements it, so that users depend on no other feature.
 */
public interface UserKeys {

	/**
	 * Issues the first key of a user just created, in the creating transaction.
	 * @return the key, shown this once, or null when the API takes no keys (the open
	 * mode)
	 */
	String issueFirst(long userId);

	/**
	 * Called in the transaction that deletes the user, before the delete: its keys stop
	 * working.
	 */
	void revokeAll(long userId);

}
