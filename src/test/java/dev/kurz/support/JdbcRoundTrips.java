package dev.kurz.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.MDC;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts what each request does with JDBC, by the request id in the logging MDC: the
 * connections it takes from the pool, the statements it executes, and its commits and
 * rollbacks. A round trip to PostgreSQL is a statement, a commit or a rollback (the
 * driver sends a transaction's BEGIN with its first statement). Import it and send
 * requests with an {@code X-Request-ID} of their own; work without a request id
 * (background tasks) is not counted.
 */
public class JdbcRoundTrips implements BeanPostProcessor {

	private static final String REQUEST_ID = "request_id";

	private final Map<String, Counter> byRequest = new ConcurrentHashMap<>();

	/** What one request did. */
	public record Counts(int connections, int statements, int transactions, int commits, int rollbacks) {

		/** Statements, commits and rollbacks: each waits for PostgreSQL's answer. */
		public int roundTrips() {
			return this.statements + this.commits + this.rollbacks;
		}

	}

	/** What the request with this id did so far; all zero for one that did nothing. */
	public Counts of(String requestId) {
		Counter counter = this.byRequest.get(requestId);
		return (counter != null) ? counter.counts() : new Counts(0, 0, 0, 0, 0);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
			return new CountingDataSource(dataSource);
		}
		return bean;
	}

	private Counter current() {
		String id = MDC.get(REQUEST_ID);
		return (id != null) ? this.byRequest.computeIfAbsent(id, (key) -> new Counter()) : null;
	}

	private static final class Counter {

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger statements = new AtomicInteger();

		private final AtomicInteger transactions = new AtomicInteger();

		private final AtomicInteger commits = new AtomicInteger();

		private final AtomicInteger rollbacks = new AtomicInteger();

		Counts counts() {
			return new Counts(this.connections.get(), this.statements.get(), this.transactions.get(),
					this.commits.get(), this.rollbacks.get());
		}

	}

	private final class CountingDataSource extends DelegatingDataSource {

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return counted(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return counted(super.getConnection(username, password));
		}

		private Connection counted(Connection connection) {
			Counter counter = current();
			if (counter != null) {
				counter.connections.incrementAndGet();
			}
			return proxy(Connection.class, connection, (method, args) -> {
				Counter now = current();
				if (now == null) {
					return;
				}
				switch (method.getName()) {
					case "commit" -> now.commits.incrementAndGet();
					case "rollback" -> now.rollbacks.incrementAndGet();
					case "setAutoCommit" -> {
						if (Boolean.FALSE.equals(args[0])) {
							now.transactions.incrementAndGet();
						}
					}
					default -> {
					}
				}
			});
		}

	}

	private interface Observer {

		void called(Method method, Object[] args);

	}

	/**
	 * A proxy of {@code target} that tells {@code observer} of each call before making
	 * it, and counts the executions of the statements it hands out.
	 */
	private <T> T proxy(Class<T> type, Object target, Observer observer) {
		InvocationHandler handler = (proxy, method, args) -> {
			observer.called(method, args);
			Object result;
			try {
				result = method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (result instanceof Statement
					&& (method.getName().startsWith("prepare") || method.getName().equals("createStatement"))) {
				Class<?> kind = (result instanceof CallableStatement) ? CallableStatement.class
						: (result instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
				return proxy(kind, result, (called, calledArgs) -> {
					Counter now = current();
					if (now != null && called.getName().startsWith("execute")) {
						now.statements.incrementAndGet();
					}
				});
			}
			return result;
		};
		return type
			.cast(Proxy.newProxyInstance(JdbcRoundTrips.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

}
