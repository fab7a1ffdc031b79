package dev.kurz.user;

import java.util.List;
import java.util.function.Consumer;

import dev.kurz.shared.Caller;
import dev.kurz.shared.ConflictException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PageRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

	private final UserRepository users;

	private final JdbcTemplate jdbc;

	private final UserKeys keys;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, JdbcTemplate jdbc, UserKeys keys, ApplicationEventPublisher events) {
		this.users = users;
		this.jdbc = jdbc;
		this.keys = keys;
		this.events = events;
	}

	/**
	 * Whether a user with this id exists; other features check references through this.
	 */
	@Transactional(readOnly = true)
	public boolean exists(long id) {
		return this.users.existsById(id);
	}

	/**
	 * The user, if the caller may see it; another caller's user is not found, as an
	 * unknown id.
	 */
	public UserResponse get(long id) {
		if (!Caller.current().actsFor(id)) {
			throw notFound(id);
		}
		// One query on a connection in autocommit mode: a read-only transaction would add
		// a round trip for its COMMIT and hold the connection across it.
		return this.jdbc.query(UserResponse.COLUMNS + " WHERE id = ?", (rs, n) -> UserResponse.from(rs), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> notFound(id));
	}

	/** How many users the caller sees: all of them, or its own. */
	@Transactional(readOnly = true)
	public long count() {
		Caller caller = Caller.current();
		if (caller.unrestricted()) {
			return this.users.count();
		}
		return this.users.existsById(caller.scope()) ? 1 : 0;
	}

	@Transactional(readOnly = true)
	public void stream(PageRequest page, Consumer<UserResponse> sink) {
		Caller caller = Caller.current();
		String where = caller.unrestricted() ? "" : " WHERE id = ?";
		Object[] args = caller.unrestricted() ? new Object[0] : new Object[] { caller.scope() };
		this.jdbc.query(UserResponse.COLUMNS + where + " ORDER BY id" + page.sqlLimit(),
				(RowCallbackHandler) (rs) -> sink.accept(UserResponse.from(rs)), args);
	}

	/** The new user with its first API key (none in the open mode). */
	@Transactional
	CreatedUserResponse create(CreateUserRequest request) {
		User user;
		try {
			user = this.users.saveAndFlush(User.register(request.username(), request.email()));
		}
		catch (DataIntegrityViolationException ex) {
			throw emailTaken();
		}
		return CreatedUserResponse.from(UserResponse.from(user), this.keys.issueFirst(user.getId()));
	}

	@Transactional
	public UserResponse update(long id, UpdateUserRequest request) {
		User user = visible(id).orElseThrow(() -> notFound(id));
		if (request.username() != null) {
			user.rename(request.username());
		}
		if (request.email() != null) {
			if (this.users.existsByEmailIgnoreCaseAndIdNot(request.email(), id)) {
				throw emailTaken();
			}
			user.changeEmail(request.email());
		}
		try {
			return UserResponse.from(this.users.saveAndFlush(user));
		}
		catch (DataIntegrityViolationException ex) {
			throw emailTaken();
		}
	}

	/**
	 * Idempotent: deleting an unknown user succeeds. The user's links stay, unowned; its
	 * keys stop working. A caller restricted to its own user gets "not found" for any
	 * other id.
	 */
	@Transactional
	public void delete(long id) {
		if (!Caller.current().actsFor(id)) {
			throw notFound(id);
		}
		this.users.findById(id).ifPresent((user) -> {
			this.keys.revokeAll(id);
			// Read before the delete: its foreign key clears the links' user_id.
			List<Long> links = this.jdbc.queryForList("SELECT id FROM urls WHERE user_id = ?", Long.class, id);
			this.users.delete(user);
			this.events.publishEvent(new UserDeleted(id, links));
		});
	}

	private java.util.Optional<User> visible(long id) {
		return Caller.current().actsFor(id) ? this.users.findById(id) : java.util.Optional.empty();
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("user " + id + " not found");
	}

	private static ConflictException emailTaken() {
		return new ConflictException("email already taken");
	}

}
