package dev.kurz.link;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Finds live links stored before today's target rules: those whose target has no URI form
 * (their code answers an error and counts no click) and those whose target breaks a rule
 * (they still redirect). Runs once at startup, in the background, and only logs:
 * RUNBOOK.md says what to do.
 */
@Component
class StoredTargetCheck {

	private static final Logger log = LoggerFactory.getLogger(StoredTargetCheck.class);

	/** Ids named in a log line; the count is always whole. */
	static final int IDS_SHOWN = 20;

	private final JdbcTemplate jdbc;

	private final TargetRules rules;

	private final LinkProperties properties;

	StoredTargetCheck(JdbcTemplate jdbc, TargetRules rules, LinkProperties properties) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void checkInBackground() {
		if (this.properties.checkStoredTargets()) {
			Thread thread = new Thread(this::checkAndLog, "stored-target-check");
			thread.setDaemon(true);
			thread.start();
		}
	}

	void checkAndLog() {
		try {
			Findings findings = check();
			if (findings.unsendable().count() > 0) {
				log.warn("{} live links have a target that cannot be sent as a redirect (ids {}): see RUNBOOK.md",
						findings.unsendable().count(), findings.unsendable().ids());
			}
			if (findings.breakingRules().count() > 0) {
				log.warn("{} live links have a target that breaks the target rules and still redirect (ids {}): "
						+ "see RUNBOOK.md", findings.breakingRules().count(), findings.breakingRules().ids());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Stored target check failed: {}", ex.getMessage());
		}
	}

	Findings check() {
		Found unsendable = new Found();
		Found breakingRules = new Found();
		this.jdbc.query("SELECT id, original_url FROM urls WHERE deleted_at IS NULL ORDER BY id",
				(RowCallbackHandler) (rs) -> {
					long id = rs.getLong(1);
					String url = rs.getString(2);
					if (TargetUrl.location(url) == null) {
						unsendable.add(id);
					}
					else if (this.rules.problemWith(url) != null) {
						breakingRules.add(id);
					}
				});
		return new Findings(unsendable, breakingRules);
	}

	record Findings(Found unsendable, Found breakingRules) {

	}

	static final class Found {

		private final List<Long> ids = new ArrayList<>();

		private long count;

		void add(long id) {
			this.count++;
			if (this.ids.size() < IDS_SHOWN) {
				this.ids.add(id);
			}
		}

		long count() {
			return this.count;
		}

		List<Long> ids() {
			return this.ids;
		}

	}

}
