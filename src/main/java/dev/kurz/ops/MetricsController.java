package dev.kurz.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: the JSON that existing dashboards read (host CPU and memory) plus what an
 * operator of Kurz needs, every figure read from a Micrometer meter. {@code /metrics/prometheus}
 * is Actuator's scrape of the same registry, with latency histograms per route.
 */
@RestController
class MetricsController {

	private final MeterRegistry registry;

	MetricsController(MeterRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/metrics")
	ResponseEntity<Map<String, Object>> metrics() {
		Map<String, Object> body = new LinkedHashMap<>();
		double ramTotal = gauge("system.memory.total", Double.NaN);
		double ramFree = gauge("system.memory.free", Double.NaN);
		if (Double.isNaN(ramTotal)) {
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			ramTotal = os.getTotalMemorySize();
			ramFree = os.getFreeMemorySize();
		}
		double ramUsed = ramTotal - ramFree;
		body.put("cpu_percent", round(gauge("system.cpu.usage", 0) * 100));
		body.put("ram_percent", round(ramUsed * 100 / ramTotal));
		body.put("ram_used", (long) ramUsed);
		body.put("ram_total", (long) ramTotal);
		body.put("process_cpu_percent", round(gauge("process.cpu.usage", 0) * 100));
		body.put("uptime_seconds", (long) gauge("process.uptime", 0));
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		body.put("jvm_heap_used", heap.getUsed());
		body.put("jvm_heap_max", heap.getMax());
		body.put("requests", requestsByStatusClass());
		body.put("redirects_served", (long) counter("kurz.redirects", null, null));
		body.put("cache", cache());
		body.put("clicks", Map.of("recorded", (long) counter("kurz.clicks.recorded", null, null), "dropped",
				(long) counter("kurz.clicks.dropped", null, null), "failed",
				(long) counter("kurz.clicks.failed", null, null), "buffered", (long) gauge("kurz.clicks.buffered", 0)));
		body.put("db_pool", Map.of("active", (long) gauge("hikaricp.connections.active", 0), "idle",
				(long) gauge("hikaricp.connections.idle", 0), "pending", (long) gauge("hikaricp.connections.pending", 0),
				"max", (long) gauge("hikaricp.connections.max", 0)));
		body.put("rate_limit", Map.of("refused", (long) counter("kurz.ratelimit.refused", null, null), "local_fallback",
				gauge("kurz.ratelimit.fallback", 0) > 0));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	private Map<String, Long> requestsByStatusClass() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String statusClass : new String[] { "1xx", "2xx", "3xx", "4xx", "5xx" }) {
			counts.put(statusClass, 0L);
		}
		for (Timer timer : this.registry.find("http.server.requests").timers()) {
			String status = timer.getId().getTag("status");
			if (status != null && status.length() == 3) {
				counts.merge(status.charAt(0) + "xx", timer.count(), Long::sum);
			}
		}
		return counts;
	}

	private Map<String, Object> cache() {
		double local = counter("kurz.redirect.lookups", "layer", "local");
		double redis = counter("kurz.redirect.lookups", "layer", "redis");
		double database = counter("kurz.redirect.lookups", "layer", "database");
		double total = local + redis + database;
		Map<String, Object> cache = new LinkedHashMap<>();
		cache.put("local_hits", (long) local);
		cache.put("redis_hits", (long) redis);
		cache.put("database_loads", (long) database);
		cache.put("hit_ratio", (total == 0) ? 0.0 : Math.round((local + redis) / total * 10_000) / 10_000.0);
		cache.put("redis_bypassed", gauge("kurz.redirect.cache.redis.bypassed", 0) > 0);
		cache.put("local_bytes", (long) gauge("kurz.redirect.cache.local.size", 0));
		cache.put("local_max_bytes", (long) gauge("kurz.redirect.cache.local.max", 0));
		return cache;
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
