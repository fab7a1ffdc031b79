package dev.kurz.link;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "urls")
class ShortUrl {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id")
	private Long userId;

	@Column(name = "short_code", nullable = false, updatable = false)
	private String shortCode;

	@Column(name = "original_url", nullable = false)
	private String originalUrl;

	private String title;

	@Column(name = "is_active", nullable = false)
	private boolean active;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "expired_url")
	private String expiredUrl;

	@Column(name = "max_clicks")
	private Long maxClicks;

	@Column(name = "redirect_type", nullable = false)
	private int redirectType = RedirectRules.DEFAULT_REDIRECT_TYPE;

	@Column(name = "forward_query", nullable = false)
	private boolean forwardQuery;

	protected ShortUrl() {
	}

	static ShortUrl create(ShortCode code, String originalUrl, String title, Long userId, boolean active,
			RedirectRules rules) {
		ShortUrl url = new ShortUrl();
		url.expiresAt = rules.expiresAt();
		url.expiredUrl = rules.expiredUrl();
		url.maxClicks = rules.maxClicks();
		url.redirectType = rules.redirectType();
		url.forwardQuery = rules.forwardQuery();
		url.shortCode = code.value();
		url.originalUrl = originalUrl;
		url.title = title;
		url.userId = userId;
		url.active = active;
		url.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		url.updatedAt = url.createdAt;
		return url;
	}

	/**
	 * @return whether the target changed
	 */
	boolean retarget(String originalUrl) {
		if (this.originalUrl.equals(originalUrl)) {
			return false;
		}
		this.originalUrl = originalUrl;
		touch();
		return true;
	}

	/**
	 * @return whether the title changed
	 */
	boolean retitle(String title) {
		if (java.util.Objects.equals(this.title, title)) {
			return false;
		}
		this.title = title;
		touch();
		return true;
	}

	/**
	 * @return whether the active flag changed
	 */
	boolean activate(boolean active) {
		if (this.active == active) {
			return false;
		}
		this.active = active;
		touch();
		return true;
	}

	/**
	 * @return whether the expiry changed; null means never
	 */
	boolean expireAt(Instant expiresAt) {
		if (java.util.Objects.equals(this.expiresAt, expiresAt)) {
			return false;
		}
		this.expiresAt = expiresAt;
		touch();
		return true;
	}

	/**
	 * @return whether the place for visitors of an expired link changed
	 */
	boolean sendExpiredVisitorsTo(String expiredUrl) {
		if (java.util.Objects.equals(this.expiredUrl, expiredUrl)) {
			return false;
		}
		this.expiredUrl = expiredUrl;
		touch();
		return true;
	}

	/**
	 * @return whether the click cap changed; null means no cap
	 */
	boolean capClicks(Long maxClicks) {
		if (java.util.Objects.equals(this.maxClicks, maxClicks)) {
			return false;
		}
		this.maxClicks = maxClicks;
		touch();
		return true;
	}

	/**
	 * @return whether the redirect status changed
	 */
	boolean redirectWith(int redirectType) {
		if (this.redirectType == redirectType) {
			return false;
		}
		this.redirectType = redirectType;
		touch();
		return true;
	}

	/**
	 * @return whether query forwarding changed
	 */
	boolean forwardQuery(boolean forwardQuery) {
		if (this.forwardQuery == forwardQuery) {
			return false;
		}
		this.forwardQuery = forwardQuery;
		touch();
		return true;
	}

	/** Soft delete: the row and its history stay, the code stops redirecting. */
	boolean delete() {
		if (this.deletedAt != null) {
			return false;
		}
		this.deletedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		this.updatedAt = this.deletedAt;
		return true;
	}

	boolean isDeleted() {
		return this.deletedAt != null;
	}

	private void touch() {
		this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

	Long getId() {
		return this.id;
	}

	Long getUserId() {
		return this.userId;
	}

	String getShortCode() {
		return this.shortCode;
	}

	String getOriginalUrl() {
		return this.originalUrl;
	}

	String getTitle() {
		return this.title;
	}

	boolean isActive() {
		return this.active;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	RedirectRules getRules() {
		return new RedirectRules(this.expiresAt, this.expiredUrl, this.maxClicks, this.redirectType, this.forwardQuery);
	}

}
