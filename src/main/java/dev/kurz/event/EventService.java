package dev.kurz.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.kurz.analytics.ClickRecorder;
import dev.kurz.link.LinkService;
import dev.kurz.link.LinkStatus;
import dev.kurz.shared.Caller;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PageRequest;
import dev.kurz.user.UserService;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

@Service
class EventService {

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final LinkService links;

	private final UserService users;

	private final ClickRecorder clicks;

	private final ObjectMapper mapper;

	EventService(JdbcTemplate jdbc, AuditTrail audit, LinkService links, UserService users, ClickRecorder clicks,
			ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.links = links;
		this.users = users;
		this.clicks = clicks;
		this.mapper = mapper;
	}

	/**
	 * Read-your-clicks: clicks this replica already redirected are written before a list
	 * is read.
	 */
	void catchUp() {
		this.clicks.flush();
	}

	@Transactional(readOnly = true)
	long count(EventFilter requested) {
		EventFilter filter = requested.visibleTo(Caller.current());
		return this.jdbc.queryForObject("SELECT count(*) FROM events" + filter.where(), Long.class, filter.args());
	}

	@Transactional(readOnly = true)
	void stream(EventFilter requested, PageRequest page, Consumer<EventResponse> sink) {
		EventFilter filter = requested.visibleTo(Caller.current());
		this.jdbc.query(EventResponse.COLUMNS + filter.where() + " ORDER BY id" + page.sqlLimit(),
				(RowCallbackHandler) (rs) -> sink.accept(EventResponse.from(rs)), filter.args());
	}

	/**
	 * One query: on a connection in autocommit mode when called alone, in the caller's
	 * transaction from {@link #create}.
	 */
	EventResponse get(long id) {
		EventFilter visible = new EventFilter(null, null, null).visibleTo(Caller.current());
		try {
			return this.jdbc.queryForObject(EventResponse.COLUMNS + " WHERE id = ?" + visible.and(),
					(rs, n) -> EventResponse.from(rs), visible.argsAfter(id));
		}
		catch (EmptyResultDataAccessException ex) {
			throw new NotFoundException("event " + id + " not found");
		}
	}

	@Transactional
	EventResponse create(CreateEventRequest request) {
		LinkStatus status = this.links.status(request.urlId());
		if (status != LinkStatus.ACTIVE) {
			throw InvalidInputException.of("url_id",
					"url " + request.urlId() + " is " + status.name().toLowerCase() + " and takes no new events");
		}
		if (request.userId() != null
				&& (!Caller.current().owns(request.userId()) || !this.users.exists(request.userId()))) {
			throw new NotFoundException("user " + request.userId() + " not found");
		}
		Map<String, Object> details = (request.details() != null)
				? this.mapper.convertValue(request.details(), new TypeReference<LinkedHashMap<String, Object>>() {
				}) : new LinkedHashMap<>();
		long id = this.audit.write(request.urlId(), request.userId(), request.eventType(), details);
		return get(id);
	}

}
