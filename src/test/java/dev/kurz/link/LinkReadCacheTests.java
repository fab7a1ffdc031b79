package dev.kurz.link;

import java.util.Map;
import java.util.UUID;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Instances;
import dev.kurz.support.JdbcRoundTrips;
import dev.kurz.support.Json;
import dev.kurz.support.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /urls/<id>} with the limits on: the limit script brings the cached link, so
 * a repeated read costs PostgreSQL nothing, and every change is seen by the next read.
 */
@Import(JdbcRoundTrips.class)
@TestPropertySource(properties = { "kurz.rate-limit.enabled=true", "kurz.rate-limit.requests-per-minute=100000",
		"kurz.rate-limit.writes-per-minute=100000", "kurz.rate-limit.redis-timeout=3s",
		"kurz.rate-limit.key-prefix=test:link-reads:" })
class LinkReadCacheTests extends HttpTest {

	@Autowired
	private JdbcRoundTrips roundTrips;

	@Autowired
	private LinkReadCache cache;

	@Autowired
	private MeterRegistry meters;

	private long userId;

	private long linkId;

	@BeforeEach
	void seed() {
		this.userId = Fixtures.id(Fixtures.user(this.api));
		this.linkId = Fixtures.id(Fixtures.url(this.api, this.userId, "https://例え.jp/読む?q=ü"));
	}

	@Test
	void aRepeatedReadIsNoQueryAndTheSameAnswer() {
		double fromRedis = this.meters.counter("kurz.link.reads", "source", "redis").count();
		double fromPostgres = this.meters.counter("kurz.link.reads", "source", "postgres").count();
		Read first = read(200);
		Read second = read(200);
		assertThat(this.meters.counter("kurz.link.reads", "source", "postgres").count()).isEqualTo(fromPostgres + 1);
		assertThat(this.meters.counter("kurz.link.reads", "source", "redis").count()).isEqualTo(fromRedis + 1);
		assertThat(first.counts().statements()).isEqualTo(1);
		assertThat(second.counts().statements()).isZero();
		assertThat(second.counts().connections()).isZero();
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.redis.opsForValue().get(LinkReadCache.KEY_PREFIX + this.linkId)).contains("\"short_code\"");
	}

	@Test
	void anUpdateIsSeenByTheNextRead() {
		read(200);
		read(200);
		Api.Response put = this.api.send("PUT", "/urls/" + this.linkId, Json.object("title", "Überschrift"),
				Map.of("Content-Type", "application/json"));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		Read after = read(200);
		assertThat(after.json().get("title").stringValue()).isEqualTo("Überschrift");
		assertThat(after.counts().statements()).isEqualTo(1);
	}

	@Test
	void aReadThatLoadedTheOldRowCannotStoreItOverAChange() {
		JsonNode old = read(200).json();
		LinkReads.flushAll(this.redis);
		Api.Response put = this.api.send("PUT", "/urls/" + this.linkId, Json.object("title", "new"),
				Map.of("Content-Type", "application/json"));
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		// A read that queried just before the commit stores what it read after it.
		this.cache.store(this.linkId,
				new UrlResponse(this.linkId, old.get("short_code").stringValue(), old.get("original_url").stringValue(),
						"old", true, this.userId, null, null, null, null, null, 302, false));
		assertThat(this.redis.opsForValue().get(LinkReadCache.KEY_PREFIX + this.linkId)).isEqualTo("-");
		assertThat(read(200).json().get("title").stringValue()).isEqualTo("new");
		assertThat(read(200).json().get("title").stringValue()).isEqualTo("new");
	}

	@Test
	void aDeletedLinkIsNotFoundByTheNextRead() {
		read(200);
		read(200);
		assertThat(this.api.delete("/urls/" + this.linkId).status()).isEqualTo(204);
		assertThat(read(404).counts().statements()).isEqualTo(1);
		assertThat(read(404).counts().statements()).isEqualTo(1);
	}

	@Test
	void deletingTheOwnerLeavesTheNextReadWithoutOne() {
		assertThat(read(200).json().get("user_id").asLong()).isEqualTo(this.userId);
		read(200);
		assertThat(this.api.delete("/users/" + this.userId).status()).isEqualTo(204);
		assertThat(read(200).json().get("user_id").isNull()).isTrue();
	}

	@Test
	void aChangeOnOneReplicaIsSeenByTheNextReadOnAnother() {
		try (Instances.Instance other = Instances.start("kurz.rate-limit.enabled=true",
				"kurz.rate-limit.requests-per-minute=100000", "kurz.rate-limit.redis-timeout=3s",
				"kurz.rate-limit.key-prefix=test:link-reads:", "spring.data.redis.url=" + TestRedis.url())) {
			Api replica = other.api();
			String path = "/urls/" + this.linkId;
			assertThat(replica.get(path).status()).isEqualTo(200);
			assertThat(replica.get(path).json().get("title").isNull()).isTrue();
			assertThat(this.redis.opsForValue().get(LinkReadCache.KEY_PREFIX + this.linkId)).contains("\"title\":null");
			Api.Response put = this.api.send("PUT", path, Json.object("title", "zweite Fassung"),
					Map.of("Content-Type", "application/json"));
			assertThat(put.status()).as(put.body()).isEqualTo(200);
			assertThat(replica.get(path).json().get("title").stringValue()).isEqualTo("zweite Fassung");
			assertThat(this.api.delete(path).status()).isEqualTo(204);
			assertThat(replica.get(path).status()).isEqualTo(404);
		}
	}

	@Test
	void otherPathsReadNothingAlong() {
		assertThat(LinkReadCache.idOf("/urls/42")).isEqualTo(42);
		assertThat(LinkReadCache.idOf("/urls/0042")).isEqualTo(42);
		assertThat(LinkReadCache.idOf("/urls/")).isEqualTo(-1);
		assertThat(LinkReadCache.idOf("/urls/42/qr")).isEqualTo(-1);
		assertThat(LinkReadCache.idOf("/urls/code/abc")).isEqualTo(-1);
		assertThat(LinkReadCache.idOf("/urls/1234567890123456789")).isEqualTo(-1);
		assertThat(LinkReadCache.idOf("/users/42")).isEqualTo(-1);
	}

	private Read read(int status) {
		String requestId = UUID.randomUUID().toString();
		Api.Response response = this.api.send("GET", "/urls/" + this.linkId, null, Map.of("X-Request-ID", requestId));
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		return new Read(response.body(), response.json(), this.roundTrips.of(requestId));
	}

	private record Read(String body, JsonNode json, JdbcRoundTrips.Counts counts) {
	}

}
