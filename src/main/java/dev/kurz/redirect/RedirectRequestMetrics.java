package dev.kurz.redirect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code http.server.requests} timer for redirect requests, without an Observation
 * per request. Starting and stopping the generic server observation (its context, key
 * values and the timer looked up by tags on every request) cost about a tenth of a
 * redirect's CPU; here the redirect path records into timers it has already looked up,
 * with the same name, tags and histogram, so {@code /metrics} and the Prometheus scrape
 * see redirects as before.
 * <p>
 * As an {@link ObservationPredicate} it turns the server observation off for exactly the
 * requests {@link RedirectFastPathFilter} handles, and notes when such a request started.
 */
@Component
class RedirectRequestMetrics implements ObservationPredicate {

	static final String STARTED_AT = RedirectRequestMetrics.class.getName() + ".startedAt";

	private static final String METER = "http.server.requests";

	private final MeterRegistry registry;

	private final Timer getFound;

	private final Timer headFound;

	private final Map<String, Timer> others = new ConcurrentHashMap<>();

	RedirectRequestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.getFound = timer("GET", 302, null);
		this.headFound = timer("HEAD", 302, null);
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server
				&& RedirectFastPathFilter.handles(server.getCarrier())) {
			server.getCarrier().setAttribute(STARTED_AT, System.nanoTime());
			return false;
		}
		return true;
	}

	/** A 302 answered by the fast path. */
	void recordFound(HttpServletRequest request) {
		Timer timer = "HEAD".equals(request.getMethod()) ? this.headFound : this.getFound;
		timer.record(System.nanoTime() - startedAt(request), TimeUnit.NANOSECONDS);
	}

	/**
	 * Any other answer to a redirect request: unknown code, database down, an exception.
	 */
	void record(HttpServletRequest request, int status, Throwable exception) {
		String method = request.getMethod();
		String error = (exception != null) ? exception.getClass().getSimpleName() : null;
		Timer timer = this.others.computeIfAbsent(method + " " + status + " " + error,
				(key) -> timer(method, status, error));
		timer.record(System.nanoTime() - startedAt(request), TimeUnit.NANOSECONDS);
	}

	private static long startedAt(HttpServletRequest request) {
		return (request.getAttribute(STARTED_AT) instanceof Long started) ? started : System.nanoTime();
	}

	private Timer timer(String method, int status, String exception) {
		String error = (exception != null) ? exception : "none";
		return Timer.builder(METER)
			.description("Duration of HTTP server request handling")
			.tag("method", method)
			.tag("uri", Redirector.ROUTE)
			.tag("status", Integer.toString(status))
			.tag("outcome", Outcome.forStatus(status).name())
			.tag("exception", error)
			.tag("error", error)
			.register(this.registry);
	}

}
