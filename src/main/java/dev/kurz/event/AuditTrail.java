package dev.kurz.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.kurz.link.LinkAudit;
import dev.kurz.shared.Caller;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes audit events in the caller's transaction, so a change and its event commit or
 * roll back together. Every event carries the id of the request that caused it, when
 * there is one.
 */
@Component
class AuditTrail implements LinkAudit {

	static final String REQUEST_ID = "request_id";

	static final String ACTOR = "actor";

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	AuditTrail(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void created(long urlId, Long userId, String shortCode, String originalUrl) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("short_code", shortCode);
		details.put("original_url", originalUrl);
		write(urlId, userId, "created", withRequestId(details));
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void updated(long urlId, Long userId, String field, Object oldValue, Object newValue) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("field", field);
		details.put("old_value", oldValue);
		details.put("new_value", newValue);
		write(urlId, userId, "updated", withRequestId(details));
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void deleted(long urlId, Long userId, String reason) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("reason", reason);
		write(urlId, userId, "deleted", withRequestId(details));
	}

	/**
	 * Only audit writes carry the request id and who acted: a client did not choose those
	 * keys for its event.
	 */
	private static Map<String, Object> withRequestId(Map<String, Object> details) {
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			details.putIfAbsent(REQUEST_ID, requestId);
			details.putIfAbsent(ACTOR, Caller.current().actor());
		}
		return details;
	}

	/**
	 * Writes {@code details} as given: events posted by clients keep exactly their
	 * details.
	 */
	long write(long urlId, Long userId, String type, Map<String, Object> details) {
		return this.jdbc.queryForObject(
				"INSERT INTO events (url_id, user_id, event_type, timestamp, details) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id",
				Long.class, urlId, userId, type, java.sql.Timestamp.from(Instant.now()),
				this.mapper.writeValueAsString(details));
	}

}
