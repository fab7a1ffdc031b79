package dev.kurz.auth;

import java.util.List;

import dev.kurz.shared.Caller;
import dev.kurz.shared.NotFoundException;
import dev.kurz.user.UserService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys of users: issued, listed and revoked by the user itself or an admin. For any
 * other caller a user's keys are "not found", as an unknown user's would be.
 */
@Service
class ApiKeyService {

	private final UserKeyStore keys;

	private final UserService users;

	ApiKeyService(UserKeyStore keys, UserService users) {
		this.keys = keys;
		this.users = users;
	}

	@Transactional
	NewKeyResponse issue(long userId) {
		requireVisible(userId);
		return this.keys.insert(userId);
	}

	@Transactional(readOnly = true)
	List<KeyResponse> list(long userId) {
		requireVisible(userId);
		return this.keys.list(userId);
	}

	/** Idempotent: revoking a key that is already gone succeeds. */
	@Transactional
	void revoke(long userId, long keyId) {
		requireVisible(userId);
		this.keys.delete(userId, keyId);
	}

	private void requireVisible(long userId) {
		if (!Caller.current().actsFor(userId) || !this.users.exists(userId)) {
			throw new NotFoundException("user " + userId + " not found");
		}
	}

}
