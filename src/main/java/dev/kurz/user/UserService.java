package dev.kurz.user;

import java.util.function.Consumer;

import dev.kurz.shared.ConflictException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PageRequest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

	private static final String COLUMNS = "SELECT id, username, email, created_at FROM users";

	private final UserRepository users;

	private final JdbcTemplate jdbc;

	UserService(UserRepository users, JdbcTemplate jdbc) {
		this.users = users;
		this.jdbc = jdbc;
	}

	/** Whether a user with this id exists; other features check references through this. */
	@Transactional(readOnly = true)
	public boolean exists(long id) {
		return this.users.existsById(id);
	}

	@Transactional(readOnly = true)
	public UserResponse get(long id) {
		return this.users.findById(id).map(UserResponse::from).orElseThrow(() -> notFound(id));
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.users.count();
	}

	@Transactional(readOnly = true)
	public void stream(PageRequest page, Consumer<UserResponse> sink) {
		this.jdbc.query(COLUMNS + " ORDER BY id" + page.sqlLimit(),
				(RowCallbackHandler) (rs) -> sink.accept(new UserResponse(rs.getLong("id"), rs.getString("username"),
						rs.getString("email"), rs.getTimestamp("created_at").toInstant())));
	}

	@Transactional
	public UserResponse create(CreateUserRequest request) {
		try {
			return UserResponse.from(this.users.saveAndFlush(User.register(request.username(), request.email())));
		}
		catch (DataIntegrityViolationException ex) {
			throw emailTaken();
		}
	}

	@Transactional
	public UserResponse update(long id, UpdateUserRequest request) {
		User user = this.users.findById(id).orElseThrow(() -> notFound(id));
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

	/** Idempotent: deleting an unknown user succeeds. The user's links stay, unowned. */
	@Transactional
	public void delete(long id) {
		this.users.findById(id).ifPresent(this.users::delete);
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("user " + id + " not found");
	}

	private static ConflictException emailTaken() {
		return new ConflictException("email already taken");
	}

}
