package dev.kurz.auth;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open, as the root logger sees it at INFO, the level
 * that production logs (the test configuration logs warnings only).
 */
final class CapturedLogs implements AutoCloseable {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Level level = this.root.getLevel();

	CapturedLogs() {
		this.root.setLevel(Level.INFO);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	List<ILoggingEvent> events() {
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	/** Each event as one text: logger, level, message, MDC and stack trace. */
	List<String> lines() {
		return events().stream()
			.map((e) -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage() + " "
					+ e.getMDCPropertyMap()
					+ ((e.getThrowableProxy() != null) ? " " + ThrowableProxyUtil.asString(e.getThrowableProxy()) : ""))
			.toList();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
		this.root.setLevel(this.level);
	}

}
