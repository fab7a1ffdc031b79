package dev.kurz.link;

/**
 * Where the link feature writes its audit events, in the caller's transaction. The link
 * feature owns this interface and the event feature implements it, so that links depend
 * on no other feature to be audited.
 */
public interface LinkAudit {

	void created(long urlId, Long userId, String shortCode, String originalUrl);

	void updated(long urlId, Long userId, String field, Object oldValue, Object newValue);

	void deleted(long urlId, Long userId, String reason);

}
