package dev.kurz.ops;

import java.util.Map;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTests extends HttpTest {

	@Test
	void metricsCarryTheDashboardFieldsAndTheServiceFigures() {
		this.api.post("/shorten", "{\"url\":\"https://example.com/m\",\"short_code\":\"metric1\"}");
		assertThat(this.api.get("/metric1").status()).isEqualTo(302);
		assertThat(this.api.get("/metric1").status()).isEqualTo(302);
		assertThat(this.api.get("/nope404").status()).isEqualTo(404);

		Api.Response response = this.api.get("/metrics");
		assertThat(response.status()).isEqualTo(200);
		JsonNode metrics = response.json();
		assertThat(metrics.get("cpu_percent").isNumber()).isTrue();
		assertThat(metrics.get("ram_percent").doubleValue()).isBetween(0.0, 100.0);
		assertThat(metrics.get("ram_total").longValue()).isGreaterThan(metrics.get("ram_used").longValue());
		assertThat(metrics.get("ram_used").longValue()).isPositive();
		assertThat(metrics.get("uptime_seconds").isNumber()).isTrue();
		assertThat(metrics.get("jvm_heap_used").longValue()).isPositive();
		assertThat(metrics.get("requests").get("3xx").longValue()).isGreaterThanOrEqualTo(2);
		assertThat(metrics.get("requests").get("4xx").longValue()).isGreaterThanOrEqualTo(1);
		assertThat(metrics.get("redirects_served").longValue()).isGreaterThanOrEqualTo(2);
		JsonNode cache = metrics.get("cache");
		assertThat(cache.get("local_hits").longValue() + cache.get("redis_hits").longValue()
				+ cache.get("database_loads").longValue())
			.isGreaterThanOrEqualTo(3);
		assertThat(metrics.get("cache").get("hit_ratio").doubleValue()).isBetween(0.0, 1.0);
		assertThat(cache.get("local_bytes").longValue()).as("entries kept for the codes just redirected")
			.isPositive()
			.isLessThanOrEqualTo(cache.get("local_max_bytes").longValue());
		assertThat(metrics.get("clicks").get("recorded").isNumber()).isTrue();
		assertThat(metrics.get("clicks").get("dropped").longValue()).isZero();
		assertThat(metrics.get("db_pool").get("max").longValue()).isEqualTo(20);
		assertThat(metrics.get("rate_limit").get("refused").isNumber()).isTrue();
	}

	@Test
	void prometheusExpositionHasLatencyHistogramsPerRoute() {
		this.api.post("/shorten", "{\"url\":\"https://example.com/p\",\"short_code\":\"prom01\"}");
		assertThat(this.api.get("/prom01").status()).isEqualTo(302);
		assertThat(this.api.get("/prom404").status()).isEqualTo(404);
		Api.Response response = this.api.get("/metrics/prometheus");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/plain");
		assertThat(response.body()).contains("http_server_requests_seconds_bucket")
			.contains("uri=\"/{code:[A-Za-z0-9_-]{1,32}}\"")
			.contains("uri=\"/shorten\"")
			.contains("kurz_clicks_recorded_total")
			.contains("kurz_clicks_not_durable")
			.contains("kurz_clicks_answered_before_commit_total")
			.contains("kurz_redirect_cache_local_size_bytes")
			.contains("kurz_redirect_cache_local_max_bytes");
		// Redirects are timed by the redirect path itself: answered (302) and unknown
		// (404) alike.
		assertThat(response.body()
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{")
					&& line.contains("uri=\"/{code:[A-Za-z0-9_-]{1,32}}\"") && line.contains("method=\"GET\"")))
			.anySatisfy((line) -> assertThat(line).contains("status=\"302\"").contains("outcome=\"REDIRECTION\""))
			.anySatisfy((line) -> assertThat(line).contains("status=\"404\"").contains("outcome=\"CLIENT_ERROR\""));
	}

	@Test
	void eachApiReadIsTimedOnceAndNeitherSecurityNorRedisCallsAddMeters() {
		long id = this.api.post("/shorten", "{\"url\":\"https://example.com/timed\"}").json().get("id").longValue();
		long before = readsTimed();
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.get("/urls/" + id).status()).isEqualTo(200);
		}
		assertThat(readsTimed() - before).isEqualTo(3);
		assertThat(this.api.get("/metrics/prometheus").body()).doesNotContain("spring_security_")
			.doesNotContain("lettuce_");
	}

	/** {@code http.server.requests} count of {@code GET /urls/<id>} answered 200. */
	private long readsTimed() {
		return this.api.get("/metrics/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/urls/{id")
					&& line.contains("method=\"GET\"") && line.contains("status=\"200\""))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void prometheusScrapeNegotiatesOpenMetricsAndIsServedNowhereElse() {
		Api.Response openMetrics = this.api.send("GET", "/metrics/prometheus", "",
				Map.of("Accept", "application/openmetrics-text;version=1.0.0"));
		assertThat(openMetrics.status()).isEqualTo(200);
		assertThat(openMetrics.header("Content-Type")).startsWith("application/openmetrics-text");
		assertThat(openMetrics.body()).contains("kurz_clicks_recorded_total").endsWith("# EOF\n");
		assertThat(this.api.get("/actuator/prometheus").status()).isEqualTo(404);
		assertThat(this.api.get("/actuator/metrics").status()).isEqualTo(404);
	}

	@Test
	void metricsNameEveryFieldDashboardsRead() {
		JsonNode metrics = this.api.get("/metrics").json();
		assertThat(metrics.propertyNames()).containsExactlyInAnyOrder("cpu_percent", "ram_percent", "ram_used",
				"ram_total", "process_cpu_percent", "uptime_seconds", "jvm_heap_used", "jvm_heap_max", "requests",
				"redirects_served", "cache", "clicks", "db_pool", "rate_limit");
		assertThat(metrics.get("requests").propertyNames()).containsExactlyInAnyOrder("1xx", "2xx", "3xx", "4xx",
				"5xx");
		assertThat(metrics.get("cache").propertyNames()).containsExactlyInAnyOrder("local_hits", "redis_hits",
				"database_loads", "hit_ratio", "redis_bypassed", "local_bytes", "local_max_bytes");
		assertThat(metrics.get("clicks").propertyNames()).containsExactlyInAnyOrder("recorded", "dropped", "failed",
				"buffered", "not_durable", "answered_before_commit", "retrying");
		assertThat(metrics.get("db_pool").propertyNames()).containsExactlyInAnyOrder("active", "idle", "pending",
				"max");
		assertThat(metrics.get("rate_limit").propertyNames()).containsExactlyInAnyOrder("refused", "local_fallback");
		assertThat(metrics.get("cache").get("redis_bypassed").isBoolean()).isTrue();
		assertThat(metrics.get("rate_limit").get("local_fallback").isBoolean()).isTrue();
	}

}
