package dev.kurz.redirect;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.kurz.link.LinkService;
import dev.kurz.link.LinkTarget;
import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedirectCacheTests extends HttpTest {

	@Autowired
	MeterRegistry registry;

	@Autowired
	LinkService links;

	@Autowired
	RedisLinkCache redisCache;

	private long shorten(String code, String url) {
		Api.Response created = this.api.post("/shorten", "{\"url\":\"" + url + "\",\"short_code\":\"" + code + "\"}");
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").longValue();
	}

	/**
	 * A link written straight into PostgreSQL: no change event, so no invalidation round
	 * can run in the middle of a test that counts cache layers.
	 */
	private void insertLink(String code, String url) {
		this.jdbc.update("INSERT INTO urls (short_code, original_url) VALUES (?, ?)", code, url);
	}

	private double lookups(String layer) {
		return lookups(this.registry, layer);
	}

	@Test
	void firstRedirectFillsRedisWithThe300SecondTtlAndTheNextIsServedLocally() {
		insertLink("cached1", "https://example.com/cached");
		double database = lookups("database");
		double local = lookups("local");

		assertThat(this.api.get("/cached1").status()).isEqualTo(302);
		assertThat(this.api.get("/cached1").status()).isEqualTo(302);

		assertThat(lookups("database") - database).isEqualTo(1);
		assertThat(lookups("local") - local).isEqualTo(1);
		assertThat(this.redis.opsForValue().get(RedisLinkCache.KEY_PREFIX + "cached1"))
			.endsWith("https://example.com/cached");
		assertThat(this.redis.getExpire(RedisLinkCache.KEY_PREFIX + "cached1")).isBetween(290L, 300L);
	}

	@Test
	void unknownCodeIsCachedNegativelyAndStopsReachingTheDatabase() {
		double database = lookups("database");
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.get("/nosuch9").status()).isEqualTo(404);
		}
		assertThat(lookups("database") - database).isEqualTo(1);
		assertThat(this.redis.opsForValue().get(RedisLinkCache.KEY_PREFIX + "nosuch9")).isEmpty();
		assertThat(this.redis.getExpire(RedisLinkCache.KEY_PREFIX + "nosuch9")).isBetween(1L, 5L);
	}

	@Test
	void codeCreatedAfterA404RedirectsOnTheVeryNextRequest() {
		assertThat(this.api.get("/later1").status()).isEqualTo(404);
		shorten("later1", "https://example.com/later");
		assertThat(this.api.get("/later1").header("Location")).isEqualTo("https://example.com/later");
	}

	@Test
	void updateIsServedOnTheVeryNextRequestOfTheSameReplica() {
		long id = shorten("moving1", "https://example.com/old");
		assertThat(this.api.get("/moving1").header("Location")).isEqualTo("https://example.com/old");

		assertThat(this.api.put("/urls/" + id, "{\"original_url\":\"https://example.com/new\"}").status())
			.isEqualTo(200);
		assertThat(this.api.get("/moving1").header("Location")).isEqualTo("https://example.com/new");

		assertThat(this.api.put("/urls/" + id, "{\"is_active\":false}").status()).isEqualTo(200);
		assertThat(this.api.get("/moving1").status()).isEqualTo(404);

		assertThat(this.api.put("/urls/" + id, "{\"is_active\":true}").status()).isEqualTo(200);
		assertThat(this.api.get("/moving1").status()).isEqualTo(302);

		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);
		assertThat(this.api.get("/moving1").status()).isEqualTo(404);
	}

	@Test
	void concurrentMissesOnOneCodeCauseOneDatabaseQuery() throws Exception {
		insertLink("herd01", "https://example.com/herd");
		double database = lookups("database");
		assertThat(allAtOnce(50, () -> this.api.get("/herd01").status())).containsOnly(302);
		assertThat(lookups("database") - database).isEqualTo(1);
	}

	/** Runs {@code call} on that many threads released together; their results. */
	private static <T> List<T> allAtOnce(int callers, Callable<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void redisEntryIsUsedWhenTheLocalCopyIsGone() {
		insertLink("shared1", "https://example.com/shared");
		this.api.get("/shared1");
		double redisHits = lookups("redis");
		// Another replica's change message drops the local copy. The subscription is made
		// in the
		// background after start-up, so the message is repeated until it has been heard.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.redis.convertAndSend(RedisLinkCache.CHANNEL, "another-replica shared1");
			this.api.get("/shared1");
			return lookups("redis") > redisHits;
		});
	}

	/**
	 * A resolver of its own on the real link service and Redis, whose degraded entries
	 * are too old at once: untrusted, every look-up reads through.
	 */
	private ShortUrlResolver resolverWithoutDegradedLife() {
		return new ShortUrlResolver(this.links, this.redisCache,
				new RedirectCacheProperties(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ZERO,
						Duration.ofSeconds(5), DataSize.ofMegabytes(1), 40, 3, Duration.ofSeconds(5)),
				new SimpleMeterRegistry());
	}

	/**
	 * A resolver of its own holding at most {@code maxBytes} of entries, with its own
	 * meters.
	 */
	private ShortUrlResolver resolverBoundTo(long maxBytes, MeterRegistry meters) {
		return new ShortUrlResolver(this.links, this.redisCache,
				new RedirectCacheProperties(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(60),
						Duration.ofSeconds(5), DataSize.ofBytes(maxBytes), 40, 3, Duration.ofSeconds(5)),
				meters);
	}

	private static double lookups(MeterRegistry meters, String layer) {
		return meters.get("kurz.redirect.lookups").tag("layer", layer).counter().count();
	}

	@Test
	void aFullCacheKeepsNoMoreEntriesUntilOneLeaves() {
		// 240 bytes per entry plus 5 + 27 characters: two entries fit in 600 bytes, three
		// do not.
		for (String code : List.of("bound1", "bound2", "bound3")) {
			insertLink(code, "https://example.com/" + code);
		}
		MeterRegistry meters = new SimpleMeterRegistry();
		ShortUrlResolver resolver = resolverBoundTo(600, meters);
		resolver.subscriptionChanged(true);
		for (String code : List.of("bound1", "bound2", "bound3")) {
			assertThat(target(resolver, code)).isEqualTo("https://example.com/" + code);
		}
		assertThat(lookups(meters, "database")).isEqualTo(3);
		assertThat(meters.get("kurz.redirect.cache.local.size").gauge().value()).isEqualTo(2 * (240 + 6 + 26));

		target(resolver, "bound1");
		target(resolver, "bound2");
		assertThat(lookups(meters, "local")).as("the first two are kept").isEqualTo(2);
		assertThat(target(resolver, "bound3")).isEqualTo("https://example.com/bound3");
		assertThat(lookups(meters, "redis")).as("the third is answered, not kept").isEqualTo(1);

		resolver.evictLocal("bound1");
		target(resolver, "bound3");
		assertThat(target(resolver, "bound3")).isEqualTo("https://example.com/bound3");
		assertThat(lookups(meters, "local")).as("kept once there is room").isEqualTo(3);
		assertThat(lookups(meters, "redis")).isEqualTo(2);

		resolver.evictAllLocal();
		assertThat(meters.get("kurz.redirect.cache.local.size").gauge().value()).as("every entry dropped").isZero();
	}

	@Test
	void concurrentMissesCauseOneDatabaseQueryEvenWhenNothingIsKept() throws Exception {
		insertLink("herd02", "https://example.com/herd");
		MeterRegistry meters = new SimpleMeterRegistry();
		ShortUrlResolver resolver = resolverBoundTo(0, meters);
		assertThat(allAtOnce(50, () -> target(resolver, "herd02"))).containsOnly("https://example.com/herd");
		// The requests that came after the load find Redis filled by it.
		assertThat(lookups(meters, "database")).isEqualTo(1);
		assertThat(meters.get("kurz.redirect.cache.local.size").gauge().value()).isZero();
		double redisHits = lookups(meters, "redis");
		target(resolver, "herd02");
		assertThat(lookups(meters, "redis")).as("not kept: the next request asks Redis").isEqualTo(redisHits + 1);
	}

	@Test
	void aLoadThatADropOverlapsAnswersButIsNotKept() throws Exception {
		insertLink("race01", "https://example.com/race");
		this.redis.delete(RedisLinkCache.KEY_PREFIX + "race01");
		MeterRegistry meters = new SimpleMeterRegistry();
		ShortUrlResolver resolver = resolverBoundTo(1 << 20, meters);
		resolver.subscriptionChanged(true);
		assertThat(resolveWhileDropped(resolver, "race01")).map(LinkTarget::location)
			.contains("https://example.com/race");
		assertThat(lookups(meters, "database")).isEqualTo(1);
		assertThat(meters.get("kurz.redirect.cache.local.size").gauge().value()).as("nothing kept").isZero();
		assertThat(target(resolver, "race01")).isEqualTo("https://example.com/race");
		assertThat(lookups(meters, "local")).as("the next request is not answered locally").isZero();
		assertThat(lookups(meters, "redis")).isEqualTo(1);
		assertThat(target(resolver, "race01")).isEqualTo("https://example.com/race");
		assertThat(lookups(meters, "local")).as("a load with no drop in between is kept").isEqualTo(1);
	}

	/**
	 * Resolves the code on another thread and drops it from the resolver while that load
	 * waits for PostgreSQL.
	 */
	private Optional<LinkTarget> resolveWhileDropped(ShortUrlResolver resolver, String code) throws Exception {
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try (Connection blocker = this.jdbc.getDataSource().getConnection()) {
			// The load's query waits behind this lock, so the drop below lands while it
			// loads.
			blocker.setAutoCommit(false);
			try (Statement lock = blocker.createStatement()) {
				lock.execute("LOCK TABLE urls IN ACCESS EXCLUSIVE MODE");
			}
			Future<Optional<LinkTarget>> loaded = caller.submit(() -> resolver.resolve(code));
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM pg_locks WHERE relation = 'urls'::regclass AND NOT granted", Long.class),
						(waiting) -> waiting > 0);
			resolver.evictLocal(code);
			blocker.rollback();
			return loaded.get(10, TimeUnit.SECONDS);
		}
		finally {
			caller.shutdownNow();
		}
	}

	@Test
	void anUnknownAnswerThatADropOverlapsIsNotKept() throws Exception {
		MeterRegistry meters = new SimpleMeterRegistry();
		ShortUrlResolver resolver = resolverBoundTo(1 << 20, meters);
		resolver.subscriptionChanged(true);
		assertThat(resolveWhileDropped(resolver, "race02")).isEmpty();
		assertThat(meters.get("kurz.redirect.cache.local.size").gauge().value()).as("nothing kept").isZero();

		// The link created meanwhile, and its invalidation round's removal of the Redis
		// entry.
		insertLink("race02", "https://example.com/race");
		this.redis.delete(RedisLinkCache.KEY_PREFIX + "race02");
		assertThat(target(resolver, "race02")).isEqualTo("https://example.com/race");
	}

	/** Points the link elsewhere behind the caches' back: no change event, no message. */
	private void retarget(String code, String url) {
		this.jdbc.update("UPDATE urls SET original_url = ? WHERE short_code = ?", url, code);
		this.redis.delete(RedisLinkCache.KEY_PREFIX + code);
	}

	private String target(ShortUrlResolver resolver, String code) {
		return resolver.resolve(code).map(LinkTarget::location).orElseThrow();
	}

	@Test
	void entriesOutliveTheDegradedLifeOnlyWhileChangesCanBeHeard() {
		ShortUrlResolver resolver = resolverWithoutDegradedLife();
		insertLink("trust01", "https://example.com/a");
		resolver.subscriptionChanged(true);
		assertThat(resolver.isTrusted()).isTrue();
		assertThat(target(resolver, "trust01")).isEqualTo("https://example.com/a");

		retarget("trust01", "https://example.com/b");
		assertThat(target(resolver, "trust01")).as("kept while messages can arrive").isEqualTo("https://example.com/a");

		resolver.subscriptionChanged(false);
		assertThat(resolver.isTrusted()).isFalse();
		assertThat(target(resolver, "trust01")).as("reloaded once too old").isEqualTo("https://example.com/b");
	}

	@Test
	void hearingChangesAgainDropsEveryEntryKeptMeanwhile() {
		ShortUrlResolver resolver = resolverWithoutDegradedLife();
		insertLink("trust02", "https://example.com/a");
		resolver.subscriptionChanged(true);
		assertThat(target(resolver, "trust02")).isEqualTo("https://example.com/a");

		resolver.subscriptionChanged(false);
		retarget("trust02", "https://example.com/c");
		resolver.subscriptionChanged(true);
		assertThat(target(resolver, "trust02")).isEqualTo("https://example.com/c");
	}

	@Test
	void redisUnavailableCountsAsNotHearingChanges() {
		ShortUrlResolver resolver = resolverWithoutDegradedLife();
		resolver.subscriptionChanged(true);
		assertThat(resolver.isTrusted()).isTrue();
		this.redisCache.availabilityChanged(false);
		try {
			assertThat(resolver.isTrusted()).isFalse();
		}
		finally {
			this.redisCache.availabilityChanged(true);
		}
		assertThat(resolver.isTrusted()).isTrue();
	}

}
