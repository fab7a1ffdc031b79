package dev.kurz.analytics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

class ClickAndStatsTests extends HttpTest {

	@Autowired
	private ClickStore store;

	@Autowired
	private ClickRollup rollup;

	@Autowired
	private PlatformTransactionManager transactions;

	/**
	 * Rolls up every click committed so far, waiting while another rollup (the scheduled
	 * one) runs.
	 */
	private void rolledUp() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(this.rollup::rollUp, (moved) -> moved >= 0);
	}

	/** Writes the clicks as one new batch. */
	private boolean save(List<Click> clicks) {
		return this.store.save(new ClickBatch(clicks));
	}

	/** The clicks of a link in its counters, the rollup's side of the stats. */
	private Long counted(long id) {
		return this.jdbc.queryForObject("SELECT sum(clicks) FROM url_click_daily WHERE url_id = ?", Long.class, id);
	}

	private long statsTotal(long id) {
		return this.api.get("/urls/" + id + "/stats").json().get("total_clicks").longValue();
	}

	private long shorten(Api api, String code) {
		Api.Response created = api.post("/shorten",
				"{\"url\":\"https://example.com/" + code + "\",\"short_code\":\"" + code + "\"}");
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").longValue();
	}

	/** 300 rows of about 600 characters: COPY data sent in several pieces. */
	private static List<Click> largeBatch(long id, String code, String lastAgent) {
		List<Click> batch = new ArrayList<>();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String agent = "Agent/" + "x".repeat(500) + "/";
		for (int i = 0; i < 300; i++) {
			batch.add(new Click(id, code, start.plusMillis(i), "https://ref.example/" + (i % 3),
					(i == 299) ? lastAgent : agent + i, "10.0.0." + (i % 7)));
		}
		return batch;
	}

	@Test
	void aBatchLargerThanOnePieceOfCopyDataIsWrittenWhole() {
		long id = shorten(this.api, "clicky9");
		save(largeBatch(id, "clicky9", "last agent"));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'",
				Long.class, id))
			.isEqualTo(300);
		assertThat(this.jdbc.queryForList(
				"SELECT details->>'user_agent' FROM events WHERE url_id = ? AND event_type = 'click' ORDER BY id",
				String.class, id))
			.startsWith("Agent/" + "x".repeat(500) + "/0")
			.endsWith("last agent");
		JsonNode stats = this.api.get("/urls/" + id + "/stats").json();
		assertThat(stats.get("clicks").longValue()).isEqualTo(300);
		assertThat(stats.get("top_referrers").get(0).get("clicks").longValue()).isEqualTo(100);
	}

	@Test
	void countersKeepEveryReferrerDayAndLastClickExactly() {
		long id = shorten(this.api, "clicky11");
		// Characters that mean something in an array literal, and the word NULL.
		List<String> referrers = List.of("a,b", "{x}", "\"q\"", "back\\slash", "NULL", " spaced ", "café ☕");
		Instant today = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Instant yesterday = today.minus(1, ChronoUnit.DAYS);
		List<Click> batch = new ArrayList<>();
		for (String referrer : referrers) {
			batch.add(new Click(id, "clicky11", today, referrer, "agent", "10.0.0.1"));
		}
		batch.add(new Click(id, "clicky11", yesterday, null, "agent", "10.0.0.1"));
		batch.add(new Click(id, "clicky11", yesterday.minusSeconds(5), null, "agent", "10.0.0.1"));
		save(batch);
		rolledUp();

		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT day, referrer, clicks, last_click_at FROM url_click_daily WHERE url_id = ? ORDER BY day, referrer",
				id);
		assertThat(rows).hasSize(referrers.size() + 1);
		assertThat(rows.get(0))
			.containsEntry("day", java.sql.Date.valueOf(LocalDate.ofInstant(yesterday, ZoneOffset.UTC)))
			.containsEntry("referrer", "")
			.containsEntry("clicks", 2L)
			.containsEntry("last_click_at", Timestamp.from(yesterday));
		assertThat(rows.subList(1, rows.size())).extracting((row) -> row.get("referrer"))
			.containsExactlyInAnyOrderElementsOf(referrers);
		assertThat(rows.subList(1, rows.size())).allSatisfy((row) -> assertThat(row).containsEntry("clicks", 1L)
			.containsEntry("last_click_at", Timestamp.from(today)));

		save(List.of(new Click(id, "clicky11", today.plusMillis(1), "a,b", "agent", "10.0.0.1")));
		rolledUp();
		assertThat(this.jdbc
			.queryForMap("SELECT clicks, last_click_at FROM url_click_daily WHERE url_id = ? AND referrer = 'a,b'", id))
			.containsEntry("clicks", 2L)
			.containsEntry("last_click_at", Timestamp.from(today.plusMillis(1)));

		// Rows that exist and new ones, interleaved in key order: each added to once,
		// none twice.
		save(List.of(new Click(id, "clicky11", today, "a,b", "agent", "10.0.0.1"),
				new Click(id, "clicky11", today, "a,c", "agent", "10.0.0.1"),
				new Click(id, "clicky11", today, "{x}", "agent", "10.0.0.1"),
				new Click(id, "clicky11", today, "{y}", "agent", "10.0.0.1"),
				new Click(id, "clicky11", today, "{y}", "agent", "10.0.0.1")));
		rolledUp();
		assertThat(this.jdbc.queryForList(
				"SELECT referrer || '=' || clicks FROM url_click_daily WHERE url_id = ? AND day = ?", String.class, id,
				java.sql.Date.valueOf(LocalDate.ofInstant(today, ZoneOffset.UTC))))
			.contains("a,b=3", "a,c=1", "{x}=2", "{y}=2", "NULL=1");
	}

	/**
	 * Writers at the same time (several per replica, and several replicas) while rollups
	 * run: every click is counted once, never both in the counters and past the
	 * watermark, and none is left behind it. Stats read meanwhile never count more clicks
	 * than were written, nor fewer than were written before the read began.
	 */
	@Test
	void clicksWrittenWhileRollupsRunCountOnce() throws Exception {
		long id = shorten(this.api, "clicky12");
		Instant now = Instant.now();
		int writers = 4;
		int batches = 12;
		Map<String, Long> expected = new ConcurrentHashMap<>();
		AtomicLong started = new AtomicLong();
		AtomicLong written = new AtomicLong();
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
		CyclicBarrier together = new CyclicBarrier(writers);
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			Random random = new Random(w);
			done.add(pool.submit(() -> {
				for (int b = 0; b < batches; b++) {
					List<Click> batch = new ArrayList<>();
					// Referrers seen before, in a different order in every batch, and
					// this round's new ones.
					for (int r = 0; r < 40; r++) {
						String referrer = (random.nextInt(3) == 0) ? "new-" + b + "-" + random.nextInt(4)
								: "seen-" + random.nextInt(b * 4 + 4);
						batch.add(new Click(id, "clicky12", now, referrer, "agent", "10.0.0.1"));
						expected.merge(referrer, 1L, Long::sum);
					}
					together.await(30, TimeUnit.SECONDS);
					started.addAndGet(batch.size());
					try {
						save(batch);
					}
					catch (RuntimeException ex) {
						// The others stop waiting for this writer at the barrier and fail
						// at once.
						together.reset();
						throw ex;
					}
					written.addAndGet(batch.size());
				}
				return null;
			}));
		}
		List<String> seen = new ArrayList<>();
		Future<Integer> reader = pool.submit(() -> {
			int rollups = 0;
			while (writing.get()) {
				if (this.rollup.rollUp() >= 0) {
					rollups++;
				}
				long before = written.get();
				long total = statsTotal(id);
				long after = started.get();
				if (total < before || total > after) {
					seen.add(before + " <= " + total + " <= " + after + " does not hold");
				}
			}
			return rollups;
		});
		try {
			for (Future<?> writer : done) {
				writer.get(60, TimeUnit.SECONDS);
			}
			writing.set(false);
			assertThat(reader.get(60, TimeUnit.SECONDS)).as("rollups while writing").isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(seen).isEmpty();
		long clicks = (long) writers * batches * 40;
		assertThat(statsTotal(id)).isEqualTo(clicks);
		rolledUp();
		Map<String, Long> counted = new HashMap<>();
		this.jdbc.query("SELECT referrer, clicks FROM url_click_daily WHERE url_id = ?", (row) -> {
			counted.put(row.getString(1), row.getLong(2));
		}, id);
		assertThat(counted).isEqualTo(expected);
		assertThat(statsTotal(id)).isEqualTo(clicks);
	}

	private static List<Click> clicks(long id, String code, Instant at, int n) {
		List<Click> batch = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			batch.add(new Click(id, code, at, null, "agent", "10.0.0.1"));
		}
		return batch;
	}

	/**
	 * A batch saved in a transaction that stays open, holding its event ids, until
	 * {@link #commit()}.
	 */
	private final class OpenBatch implements AutoCloseable {

		private final CountDownLatch commit = new CountDownLatch(1);

		private final ExecutorService thread = Executors.newSingleThreadExecutor();

		private final Future<?> done;

		OpenBatch(List<Click> batch) throws InterruptedException {
			CountDownLatch saved = new CountDownLatch(1);
			this.done = this.thread.submit(() -> new TransactionTemplate(ClickAndStatsTests.this.transactions)
				.executeWithoutResult((status) -> {
					save(batch);
					saved.countDown();
					try {
						this.commit.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}));
			if (!saved.await(10, TimeUnit.SECONDS)) {
				close();
				throw new AssertionError("the batch was not saved within 10 s");
			}
		}

		void commit() throws Exception {
			this.commit.countDown();
			this.done.get(10, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			this.commit.countDown();
			this.thread.shutdownNow();
		}

	}

	/**
	 * A batch whose event ids are taken but not yet committed, while a later batch has
	 * committed larger ids: a rollup must not move the watermark past the first one's
	 * ids, or its clicks would never be counted. Here it waits for that batch (on the
	 * writers' lock) and then counts both.
	 */
	@Test
	void aRollupWaitsForABatchStillBeingWritten() throws Exception {
		long id = shorten(this.api, "clicky14");
		Instant now = Instant.now();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (OpenBatch open = new OpenBatch(clicks(id, "clicky14", now, 30))) {
			save(clicks(id, "clicky14", now, 20));
			Future<Long> rollup = pool.submit(this.rollup::rollUp);
			// Either the rollup waits for the open batch, or it has finished without it.
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> rollup.isDone() || this.jdbc.queryForObject(
						"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Long.class) > 0);
			open.commit();
			assertThat(rollup.get(10, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(counted(id)).isEqualTo(50);
		assertThat(statsTotal(id)).isEqualTo(50);
	}

	/**
	 * A batch that stays open: the rollup gives up its turn after a second rather than
	 * hold every later batch (queued behind its request for the writers' lock) for as
	 * long as that one takes.
	 */
	@Test
	void aRollupGivesUpItsTurnWhenABatchStaysOpen() throws Exception {
		long id = shorten(this.api, "clicky15");
		Instant now = Instant.now();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (OpenBatch open = new OpenBatch(clicks(id, "clicky15", now, 30))) {
			assertThat(pool.submit(this.rollup::rollUp).get(10, TimeUnit.SECONDS)).isEqualTo(-1);
			// Later batches are written while the first is still open.
			save(clicks(id, "clicky15", now, 20));
			open.commit();
		}
		finally {
			pool.shutdownNow();
		}
		rolledUp();
		assertThat(counted(id)).isEqualTo(50);
	}

	@Test
	void statsAreTheSameBeforeAndAfterARollupAndLeavePostedClickEventsOut() {
		long id = shorten(this.api, "clicky13");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		save(List.of(new Click(id, "clicky13", now.minusSeconds(1), "https://r.example/", "agent", "10.0.0.1"),
				new Click(id, "clicky13", now, null, "agent", "10.0.0.2")));
		// A client's own "click" event is audit trail, not a redirect.
		assertThat(this.api
			.post("/events", "{\"url_id\":" + id + ",\"event_type\":\"click\",\"details\":{\"referrer\":\"x\"}}")
			.status()).isEqualTo(201);

		JsonNode before = this.api.get("/urls/" + id + "/stats").json();
		assertThat(before.get("total_clicks").longValue()).isEqualTo(2);
		assertThat(Instant.parse(before.get("last_click_at").stringValue())).isEqualTo(now);
		rolledUp();
		assertThat(counted(id)).isEqualTo(2);
		JsonNode after = this.api.get("/urls/" + id + "/stats").json();
		assertThat(after).isEqualTo(before);
		assertThat(after.get("top_referrers").toString()).contains("https://r.example/").doesNotContain("\"x\"");

		// Events after the watermark count on top of the counters, once.
		save(List.of(new Click(id, "clicky13", now.plusMillis(1), "https://r.example/", "agent", "10.0.0.1")));
		JsonNode later = this.api.get("/urls/" + id + "/stats").json();
		assertThat(later.get("total_clicks").longValue()).isEqualTo(3);
		assertThat(later.get("top_referrers").get(0).get("clicks").longValue()).isEqualTo(2);
		assertThat(Instant.parse(later.get("last_click_at").stringValue())).isEqualTo(now.plusMillis(1));
	}

	@Test
	void aBatchThatFailsInItsLastPieceLeavesNoClickBehind() {
		long id = shorten(this.api, "clicky10");
		// PostgreSQL's jsonb refuses a NUL character: the last row fails after earlier
		// pieces were sent.
		assertThatException().isThrownBy(() -> save(largeBatch(id, "clicky10", "nul \u0000 agent")));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ?", Long.class, id))
			.isEqualTo(1);
		assertThat(this.api.get("/urls/" + id + "/stats").json().get("clicks").longValue()).isZero();
	}

	@Test
	void clickCarriesRefererAgentAndAHashedAddressButNeverTheAddress() {
		long id = shorten(this.api, "clicky1");
		Api.Response redirect = this.api.send("GET", "/clicky1", null,
				Map.of("Referer", "https://news.example/item", "User-Agent", "KurzTest/1.0"));
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Cache-Control")).contains("no-store");

		JsonNode clicks = this.api.get("/events?url_id=" + id + "&event_type=click").json();
		assertThat(clicks).hasSize(1);
		JsonNode details = clicks.get(0).get("details");
		assertThat(details.get("short_code").stringValue()).isEqualTo("clicky1");
		assertThat(details.get("referrer").stringValue()).isEqualTo("https://news.example/item");
		assertThat(details.get("user_agent").stringValue()).isEqualTo("KurzTest/1.0");
		assertThat(details.get("client_hash").stringValue()).hasSize(32).doesNotContain("127.0.0.1");
		assertThat(clicks.get(0).toString()).doesNotContain("127.0.0.1");
	}

	@Test
	void clickDetailsKeepQuotesBackslashesAndTabsIntact() {
		long id = shorten(this.api, "clicky2");
		String agent = "Agent \"quoted\" C:\\path\\ and\ttab";
		String referrer = "https://x.example/?q='a'&b=\\n";
		assertThat(this.api.send("GET", "/clicky2", null, Map.of("Referer", referrer, "User-Agent", agent)).status())
			.isEqualTo(302);

		JsonNode details = this.api.get("/events?url_id=" + id + "&event_type=click").json().get(0).get("details");
		assertThat(details.get("user_agent").stringValue()).isEqualTo(agent);
		assertThat(details.get("referrer").stringValue()).isEqualTo(referrer);
	}

	@Test
	void statsCountClicksByDayAndReferrer() {
		long id = shorten(this.api, "stats01");
		for (int i = 0; i < 3; i++) {
			this.api.send("GET", "/stats01", null, Map.of("Referer", "https://a.example/"));
		}
		this.api.get("/stats01");
		this.api.head("/stats01");

		Api.Response response = this.api.get("/urls/" + id + "/stats");
		assertThat(response.status()).isEqualTo(200);
		JsonNode stats = response.json();
		assertThat(stats.get("url_id").longValue()).isEqualTo(id);
		assertThat(stats.get("short_code").stringValue()).isEqualTo("stats01");
		assertThat(stats.get("clicks").longValue()).isEqualTo(4);
		assertThat(stats.get("last_click_at").isString()).isTrue();
		assertThat(stats.get("clicks_by_day")).hasSize(1);
		assertThat(stats.get("clicks_by_day").get(0).get("date").stringValue())
			.isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
		assertThat(stats.get("clicks_by_day").get(0).get("clicks").longValue()).isEqualTo(4);
		assertThat(stats.get("top_referrers").get(0).get("referrer").stringValue()).isEqualTo("https://a.example/");
		assertThat(stats.get("top_referrers").get(0).get("clicks").longValue()).isEqualTo(3);
		assertThat(stats.get("top_referrers").get(1).get("referrer").isNull()).isTrue();
	}

	@Test
	void totalAndLastClickCoverTheLinksWholeLifeWhileClicksCoverThirtyDays() {
		JsonNode never = this.api.get("/urls/" + shorten(this.api, "stats03") + "/stats").json();
		assertThat(never.get("total_clicks").longValue()).isZero();
		assertThat(never.get("last_click_at").isNull()).isTrue();

		long id = shorten(this.api, "stats02");
		// Microseconds, PostgreSQL's precision (it rounds finer values, so nanoseconds
		// would not compare).
		Instant old = Instant.now().minus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
		this.jdbc.update(
				"INSERT INTO url_click_daily (url_id, day, referrer, clicks, last_click_at) VALUES (?, ?, '', 5, ?)",
				id, LocalDate.ofInstant(old, ZoneOffset.UTC), Timestamp.from(old));
		JsonNode before = this.api.get("/urls/" + id + "/stats").json();
		assertThat(before.get("clicks").longValue()).isZero();
		assertThat(before.get("total_clicks").longValue()).isEqualTo(5);
		assertThat(Instant.parse(before.get("last_click_at").stringValue())).isEqualTo(old);

		assertThat(this.api.get("/stats02").status()).isEqualTo(302);
		assertThat(this.api.get("/stats02").status()).isEqualTo(302);
		JsonNode after = this.api.get("/urls/" + id + "/stats").json();
		assertThat(after.get("clicks").longValue()).isEqualTo(2);
		assertThat(after.get("total_clicks").longValue()).isEqualTo(7);
		assertThat(Instant.parse(after.get("last_click_at").stringValue())).isAfter(Instant.now().minusSeconds(60));
	}

	@Test
	void clicksAreSplitIntoPeopleAndBotsAndCountDistinctVisitorsBeforeAndAfterARollup() {
		long id = shorten(this.api, "bots01");
		String browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
		String googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
		assertThat(
				this.api.send("GET", "/bots01", null, Map.of("User-Agent", browser, "X-Forwarded-For", "198.51.100.1"))
					.status())
			.isEqualTo(302);
		assertThat(
				this.api.send("GET", "/bots01", null, Map.of("User-Agent", browser, "X-Forwarded-For", "198.51.100.2"))
					.status())
			.isEqualTo(302);
		assertThat(this.api
			.send("GET", "/bots01", null, Map.of("User-Agent", googlebot, "X-Forwarded-For", "198.51.100.1"))
			.status()).isEqualTo(302);
		assertThat(this.api.send("GET", "/bots01", null, Map.of("User-Agent", "curl/8.5.0")).status()).isEqualTo(302);
		// A click without a user agent, written as the redirect hands it over.
		this.store.save(new ClickBatch(List.of(new Click(id, "bots01", Instant.now(), null, null, "198.51.100.2"))));

		JsonNode before = this.api.get("/urls/" + id + "/stats").json();
		assertThat(this.jdbc.queryForList("SELECT coalesce(details->>'user_agent', '-') || ' ' || (details->>'bot') "
				+ "FROM events WHERE url_id = ? AND event_type = 'click'", String.class, id))
			.containsExactlyInAnyOrder(browser + " false", browser + " false", googlebot + " true", "curl/8.5.0 true",
					"- true");
		assertThat(before.get("clicks").longValue()).isEqualTo(5);
		assertThat(before.get("human_clicks").longValue()).isEqualTo(2);
		assertThat(before.get("bot_clicks").longValue()).isEqualTo(3);
		assertThat(before.get("total_clicks").longValue()).isEqualTo(5);
		// 198.51.100.1, 198.51.100.2 and the loopback address of the curl click.
		assertThat(before.get("unique_visitors").longValue()).isEqualTo(3);
		JsonNode day = before.get("clicks_by_day").get(0);
		assertThat(day.get("clicks").longValue()).isEqualTo(5);
		assertThat(day.get("human_clicks").longValue()).isEqualTo(2);
		assertThat(day.get("bot_clicks").longValue()).isEqualTo(3);

		rolledUp();
		assertThat(this.jdbc.queryForObject("SELECT sum(bot_clicks) FROM url_click_daily WHERE url_id = ?", Long.class,
				id))
			.isEqualTo(3);
		assertThat(this.api.get("/urls/" + id + "/stats").json()).isEqualTo(before);

		assertThat(
				this.api.send("GET", "/bots01", null, Map.of("User-Agent", browser, "X-Forwarded-For", "198.51.100.3"))
					.status())
			.isEqualTo(302);
		JsonNode later = this.api.get("/urls/" + id + "/stats").json();
		assertThat(later.get("human_clicks").longValue()).isEqualTo(3);
		assertThat(later.get("bot_clicks").longValue()).isEqualTo(3);
		assertThat(later.get("unique_visitors").longValue()).isEqualTo(4);
	}

	@Test
	void statsOfUnknownOrDeletedLinksAre404() {
		assertThat(this.api.get("/urls/424242/stats").status()).isEqualTo(404);
		long id = shorten(this.api, "gone001");
		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);
		assertThat(this.api.get("/urls/" + id + "/stats").status()).isEqualTo(404);
	}

	@Test
	void gracefulShutdownWritesEveryBufferedClick() {
		long id;
		try (Instances.Instance replica = Instances.start("spring.data.redis.url=" + TestRedis.url(),
				"kurz.clicks.rollup-interval-ms=100")) {
			Api api = replica.api();
			id = shorten(api, "shut001");
			assertThat(api.get("/shut001").status()).isEqualTo(302);
			// The replica's own rollup, on its schedule, adds the first click to the
			// counters.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counted(id)).isEqualTo(1));
			for (int i = 1; i < 200; i++) {
				assertThat(api.get("/shut001").status()).isEqualTo(302);
			}
		}
		Long clicks = this.jdbc.queryForObject("SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'",
				Long.class, id);
		assertThat(clicks).isEqualTo(200);
		rolledUp();
		assertThat(counted(id)).isEqualTo(200);
	}

}
