package dev.kurz.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String username;

	@Column(nullable = false)
	private String email;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected User() {
	}

	static User register(String username, String email) {
		User user = new User();
		user.username = username;
		user.email = email;
		user.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		return user;
	}

	void rename(String username) {
		this.username = username;
	}

	void changeEmail(String email) {
		this.email = email;
	}

	Long getId() {
		return this.id;
	}

	String getUsername() {
		return this.username;
	}

	String getEmail() {
		return this.email;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
