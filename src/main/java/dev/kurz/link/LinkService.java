package dev.kurz.link;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

import dev.kurz.shared.Caller;
import dev.kurz.shared.ConflictException;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PageRequest;
import dev.kurz.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The link lifecycle: create, update, (de)activate, soft delete, each with its audit
 * event.
 */
@Service
public class LinkService {

	/**
	 * Generated codes collide rarely (62^6 codes); a handful of tries makes failure
	 * negligible.
	 */
	static final int MAX_ATTEMPTS = 8;

	static final String DEFAULT_DELETE_REASON = "user_requested";

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String FOREIGN_KEY_VIOLATION = "23503";

	private final ShortUrlRepository urls;

	private final ShortCodeGenerator generator;

	private final LinkAudit audit;

	private final UserService users;

	private final ApplicationEventPublisher events;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final ClickCaps clickCaps;

	LinkService(ShortUrlRepository urls, ShortCodeGenerator generator, LinkAudit audit, UserService users,
			ApplicationEventPublisher events, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			ClickCaps clickCaps) {
		this.urls = urls;
		this.generator = generator;
		this.audit = audit;
		this.users = users;
		this.events = events;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clickCaps = clickCaps;
	}

	/**
	 * How an unknown user id is reported: {@code POST /urls} says 404,
	 * {@code POST /shorten} 422.
	 */
	enum UnknownUser {

		NOT_FOUND, INVALID

	}

	/**
	 * Each attempt runs in its own transaction: a unique violation aborts a PostgreSQL
	 * transaction, and the retry must start clean. The constraint decides, never a
	 * look-up before the insert.
	 */
	UrlResponse create(CreateLinkRequest original, UnknownUser unknownUser) {
		CreateLinkRequest request = ownedByCaller(original);
		if (request.userId() != null && !this.users.exists(request.userId())) {
			throw unknownUser(request.userId(), unknownUser);
		}
		for (int attempt = 1;; attempt++) {
			ShortCode code = (request.customCode() != null) ? request.customCode() : this.generator.next();
			try {
				return this.transaction.execute((status) -> {
					ShortUrl url = this.urls.saveAndFlush(ShortUrl.create(code, request.originalUrl(), request.title(),
							request.userId(), request.active(), request.rules()));
					this.audit.created(url.getId(), url.getUserId(), url.getShortCode(), url.getOriginalUrl());
					// A negative cache entry for this code may exist from before it was
					// taken; its new id named nothing before.
					this.events.publishEvent(new LinkChanged(url.getShortCode(), 0));
					return UrlResponse.from(url);
				});
			}
			catch (DataIntegrityViolationException ex) {
				String state = sqlState(ex);
				if (FOREIGN_KEY_VIOLATION.equals(state)) {
					throw unknownUser(request.userId(), unknownUser);
				}
				if (!UNIQUE_VIOLATION.equals(state)) {
					throw ex;
				}
				if (request.customCode() != null) {
					throw new ConflictException("short code '" + code.value() + "' is already taken");
				}
				if (attempt >= MAX_ATTEMPTS) {
					throw new IllegalStateException("no free short code after " + attempt + " attempts", ex);
				}
			}
		}
	}

	/**
	 * A live link the caller may see. Single reads are one query on a connection in
	 * autocommit mode: no transaction (a read-only one would add a round trip for its
	 * COMMIT and hold the connection across it) and no persistence context.
	 */
	public UrlResponse get(long id) {
		return get(id, LinkReadCache.Lookup.NOT_FOUND, null);
	}

	/**
	 * As {@link #get(long)}, from what {@link LinkReadCache} found in Redis when it has
	 * the link; a link read from PostgreSQL is stored there when Redis had nothing.
	 */
	UrlResponse get(long id, LinkReadCache.Lookup cached, LinkReadCache cache) {
		Caller caller = Caller.current();
		Optional<UrlResponse> live = Optional.ofNullable(cached.url());
		if (live.isEmpty()) {
			live = liveRow(" WHERE id = ? AND deleted_at IS NULL", id);
			if (cached.mayStore() && live.isPresent()) {
				cache.store(id, live.get());
			}
		}
		return live.filter((url) -> caller.owns(url.userId())).orElseThrow(() -> notFound(id));
	}

	/**
	 * A restricted caller's links belong to it; naming another user is answered as an
	 * unknown user would be, by "not found".
	 */
	private static CreateLinkRequest ownedByCaller(CreateLinkRequest request) {
		Caller caller = Caller.current();
		if (caller.unrestricted()) {
			return request;
		}
		if (request.userId() != null && !caller.owns(request.userId())) {
			throw new NotFoundException("user " + request.userId() + " not found");
		}
		return request.ownedBy(caller.userId());
	}

	/** A live link the caller may see, by its code; one query, as {@link #get(long)}. */
	public UrlResponse getByCode(String code) {
		Caller caller = Caller.current();
		return liveRow(" WHERE short_code = ? AND deleted_at IS NULL", code).filter((url) -> caller.owns(url.userId()))
			.orElseThrow(() -> new NotFoundException("short code '" + code + "' not found"));
	}

	private Optional<UrlResponse> liveRow(String where, Object key) {
		return this.jdbc
			.query("SELECT " + UrlResponse.COLUMNS + " FROM urls" + where, (rs, n) -> UrlResponse.fromRow(rs), key)
			.stream()
			.findFirst();
	}

	/**
	 * The live target of a code, if it may redirect: known, active and not deleted. This
	 * is the cache-miss path of every redirect, so it is one indexed query, with no
	 * transaction and no entity around it.
	 */
	public Optional<LinkTarget> findRedirectTarget(String code) {
		return this.jdbc
			.query("SELECT id, original_url, " + RedirectRules.COLUMNS
					+ " FROM urls WHERE short_code = ? AND deleted_at IS NULL AND is_active",
					(rs, n) -> LinkTarget.of(rs.getLong("id"), code, rs.getString("original_url"),
							RedirectRules.fromRow(rs)),
					code)
			.stream()
			.findFirst();
	}

	@Transactional(readOnly = true)
	public LinkStatus status(long id) {
		Caller caller = Caller.current();
		ShortUrl url = this.urls.findById(id)
			.filter((found) -> caller.owns(found.getUserId()))
			.orElseThrow(() -> notFound(id));
		if (url.isDeleted()) {
			return LinkStatus.DELETED;
		}
		return url.isActive() ? LinkStatus.ACTIVE : LinkStatus.INACTIVE;
	}

	@Transactional(readOnly = true)
	long count(UrlFilter requested) {
		UrlFilter filter = requested.visibleTo(Caller.current());
		return this.jdbc.queryForObject("SELECT count(*) FROM urls" + filter.where(), Long.class, filter.args());
	}

	@Transactional(readOnly = true)
	void stream(UrlFilter requested, PageRequest page, Consumer<UrlResponse> sink) {
		UrlFilter filter = requested.visibleTo(Caller.current());
		this.jdbc.query(
				"SELECT " + UrlResponse.COLUMNS + " FROM urls" + filter.where() + " ORDER BY id" + page.sqlLimit(),
				(RowCallbackHandler) (rs) -> sink.accept(UrlResponse.fromRow(rs)), filter.args());
	}

	@Transactional
	UrlResponse update(long id, UpdateLinkRequest request) {
		ShortUrl url = live(id);
		String oldTitle = url.getTitle();
		String oldTarget = url.getOriginalUrl();
		boolean wasActive = url.isActive();
		if (request.hasTitle() && url.retitle(request.title())) {
			this.audit.updated(id, url.getUserId(), "title", oldTitle, request.title());
		}
		if (request.originalUrl() != null && url.retarget(request.originalUrl())) {
			this.audit.updated(id, url.getUserId(), "original_url", oldTarget, request.originalUrl());
		}
		if (request.active() != null && url.activate(request.active())) {
			this.audit.updated(id, url.getUserId(), "is_active", wasActive, request.active());
		}
		updateRules(url, request.rules());
		this.urls.flush();
		this.events.publishEvent(new LinkChanged(url.getShortCode(), url.getId()));
		return UrlResponse.from(url);
	}

	/** Applies the rule fields the request names, each change with its audit event. */
	private void updateRules(ShortUrl url, RuleFields fields) {
		RedirectRules old = url.getRules();
		long id = url.getId();
		if (fields.has(RuleFields.EXPIRES_AT) && url.expireAt(fields.expiresAt())) {
			this.audit.updated(id, url.getUserId(), RuleFields.EXPIRES_AT, old.expiresAt(), fields.expiresAt());
		}
		if (fields.has(RuleFields.EXPIRED_URL) && url.sendExpiredVisitorsTo(fields.expiredUrl())) {
			this.audit.updated(id, url.getUserId(), RuleFields.EXPIRED_URL, old.expiredUrl(), fields.expiredUrl());
		}
		if (fields.has(RuleFields.MAX_CLICKS) && url.capClicks(fields.maxClicks())) {
			this.audit.updated(id, url.getUserId(), RuleFields.MAX_CLICKS, old.maxClicks(), fields.maxClicks());
			if (old.maxClicks() == null) {
				this.clickCaps.startCounting(id);
			}
		}
		RedirectRules given = fields.withDefaults();
		if (fields.has(RuleFields.REDIRECT_TYPE) && url.redirectWith(given.redirectType())) {
			this.audit.updated(id, url.getUserId(), RuleFields.REDIRECT_TYPE, old.redirectType(), given.redirectType());
		}
		if (fields.has(RuleFields.FORWARD_QUERY) && url.forwardQuery(given.forwardQuery())) {
			this.audit.updated(id, url.getUserId(), RuleFields.FORWARD_QUERY, old.forwardQuery(), given.forwardQuery());
		}
	}

	/**
	 * Soft delete. Idempotent: deleting an already deleted link, or one that never
	 * existed, changes nothing and succeeds. A restricted caller may delete its own links
	 * only, and gets "not found" for any other id, whether it names another user's link
	 * or nothing.
	 */
	@Transactional
	void delete(long id, String reason) {
		Caller caller = Caller.current();
		ShortUrl url = this.urls.findById(id).orElse(null);
		if (!caller.unrestricted() && (url == null || !caller.owns(url.getUserId()))) {
			throw notFound(id);
		}
		if (url != null && url.delete()) {
			this.audit.deleted(id, url.getUserId(), (reason != null) ? reason : DEFAULT_DELETE_REASON);
			this.events.publishEvent(new LinkChanged(url.getShortCode(), url.getId()));
		}
	}

	/**
	 * A live link the caller may see; another user's link is not found, exactly as an
	 * unknown id.
	 */
	private ShortUrl live(long id) {
		Caller caller = Caller.current();
		return this.urls.findByIdAndDeletedAtIsNull(id)
			.filter((url) -> caller.owns(url.getUserId()))
			.orElseThrow(() -> notFound(id));
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("url " + id + " not found");
	}

	private static RuntimeException unknownUser(Long userId, UnknownUser mode) {
		String message = "user " + userId + " not found";
		return (mode == UnknownUser.NOT_FOUND) ? new NotFoundException(message)
				: InvalidInputException.of("user_id", message);
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
