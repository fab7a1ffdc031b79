package dev.kurz.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: the JSON that existing dashboards read (host CPU and memory) plus
 * what an operator of Kurz needs, every figure read from a Micrometer meter.
 * {@code /metrics/prometheus} is Actuator's scrape of the same registry, with latency
 * histograms per route.
 */
@RestController
class MetricsController {

	private final MeterRegistry registry;

	MetricsController(MeterRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/metrics")
	ResponseEntity<MetricsResponse> metrics() {
		double ramTotal = gauge("system.memory.total", Double.NaN);
		double ramFree = gauge("system.memory.free", Double.NaN);
		if (Double.isNaN(ramTotal)) {
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			ramTotal = os.getTotalMemorySize();
			ramFree = os.getFreeMemorySize();
		}
		double ramUsed = ramTotal - ramFree;
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		MetricsResponse body = new MetricsResponse(round(gauge("system.cpu.usage", 0) * 100),
				round(ramUsed * 100 / ramTotal), (long) ramUsed, (long) ramTotal,
				round(gauge("process.cpu.usage", 0) * 100), (long) gauge("process.uptime", 0), heap.getUsed(),
				heap.getMax(), requestsByStatusClass(), (long) counter("kurz.redirects", null, null), cache(),
				new MetricsResponse.Clicks((long) counter("kurz.clicks.recorded", null, null),
						(long) counter("kurz.clicks.dropped", null, null),
						(long) counter("kurz.clicks.failed", null, null), (long) gauge("kurz.clicks.buffered", 0),
						(long) gauge("kurz.clicks.not.durable", 0),
						(long) counter("kurz.clicks.answered.before.commit", null, null),
						(long) gauge("kurz.clicks.retrying", 0)),
				new MetricsResponse.DbPool((long) gauge("hikaricp.connections.active", 0),
						(long) gauge("hikaricp.connections.idle", 0), (long) gauge("hikaricp.connections.pending", 0),
						(long) gauge("hikaricp.connections.max", 0)),
				new MetricsResponse.RateLimit((long) counter("kurz.ratelimit.refused", null, null),
						gauge("kurz.ratelimit.fallback", 0) > 0));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	private MetricsResponse.Requests requestsByStatusClass() {
		long[] counts = new long[5];
		for (Timer timer : this.registry.find("http.server.requests").timers()) {
			String status = timer.getId().getTag("status");
			if (status != null && status.length() == 3 && status.charAt(0) >= '1' && status.charAt(0) <= '5') {
				counts[status.charAt(0) - '1'] += timer.count();
			}
		}
		return new MetricsResponse.Requests(counts[0], counts[1], counts[2], counts[3], counts[4]);
	}

	private MetricsResponse.Cache cache() {
		double local = counter("kurz.redirect.lookups", "layer", "local");
		double redis = counter("kurz.redirect.lookups", "layer", "redis");
		double database = counter("kurz.redirect.lookups", "layer", "database");
		double total = local + redis + database;
		return new MetricsResponse.Cache((long) local, (long) redis, (long) database,
				(total == 0) ? 0.0 : Math.round((local + redis) / total * 10_000) / 10_000.0,
				gauge("kurz.redirect.cache.redis.bypassed", 0) > 0, (long) gauge("kurz.redirect.cache.local.size", 0),
				(long) gauge("kurz.redirect.cache.local.max", 0));
	}

	private double counter(String name, String tag, String value) {
		var search = this.registry.find(name);
		if (tag != null) {
			search = search.tag(tag, value);
		}
		return search.counters().stream().mapToDouble(Counter::count).sum();
	}

	private double gauge(String name, double fallback) {
		Gauge gauge = this.registry.find(name).gauge();
		if (gauge != null) {
			return gauge.value();
		}
		var timeGauge = this.registry.find(name).timeGauge();
		return (timeGauge != null) ? timeGauge.value(java.util.concurrent.TimeUnit.SECONDS) : fallback;
	}

	private static double round(double value) {
		return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : 0.0;
	}

}
