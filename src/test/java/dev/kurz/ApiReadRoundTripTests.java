package dev.kurz;

import java.util.Map;
import java.util.UUID;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.JdbcRoundTrips;
import dev.kurz.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single reads of the API cost PostgreSQL one query each, on one pooled connection,
 * with no transaction around it: no BEGIN, no COMMIT, no second round trip.
 */
@Import(JdbcRoundTrips.class)
class ApiReadRoundTripTests extends HttpTest {

	private static final JdbcRoundTrips.Counts ONE_QUERY = new JdbcRoundTrips.Counts(1, 1, 0, 0, 0);

	@Autowired
	private JdbcRoundTrips roundTrips;

	private long userId;

	private JsonNode link;

	private long eventId;

	@BeforeEach
	void seed() {
		this.userId = Fixtures.id(Fixtures.user(this.api));
		this.link = Fixtures.url(this.api, this.userId, "https://example.com/read");
		Api.Response event = this.api.post("/events",
				Json.object("url_id", Fixtures.id(this.link), "event_type", "note"));
		assertThat(event.status()).as(event.body()).isEqualTo(201);
		this.eventId = Fixtures.id(event.json());
	}

	@Test
	void readingALinkByIdIsOneQuery() {
		assertThat(read("/urls/" + Fixtures.id(this.link), 200)).isEqualTo(ONE_QUERY);
	}

	@Test
	void readingALinkByCodeIsOneQuery() {
		assertThat(read("/urls/code/" + this.link.get("short_code").stringValue(), 200)).isEqualTo(ONE_QUERY);
	}

	@Test
	void readingAUserIsOneQuery() {
		assertThat(read("/users/" + this.userId, 200)).isEqualTo(ONE_QUERY);
	}

	@Test
	void readingAnEventIsOneQuery() {
		assertThat(read("/events/" + this.eventId, 200)).isEqualTo(ONE_QUERY);
	}

	@Test
	void readingAnUnknownIdIsOneQueryToo() {
		assertThat(read("/urls/999999999", 404)).isEqualTo(ONE_QUERY);
		assertThat(read("/urls/code/nosuchcode", 404)).isEqualTo(ONE_QUERY);
		assertThat(read("/users/999999999", 404)).isEqualTo(ONE_QUERY);
		assertThat(read("/events/999999999", 404)).isEqualTo(ONE_QUERY);
	}

	@Test
	void aDeletedLinkIsNotFoundInOneQuery() {
		long id = Fixtures.id(this.link);
		assertThat(this.api.delete("/urls/" + id).status()).isEqualTo(204);

		assertThat(read("/urls/" + id, 404)).isEqualTo(ONE_QUERY);
		assertThat(read("/urls/code/" + this.link.get("short_code").stringValue(), 404)).isEqualTo(ONE_QUERY);
	}

	/** The counter sees transactions where there are some: a write commits one. */
	@Test
	void anUpdateRunsInATransaction() {
		String requestId = UUID.randomUUID().toString();
		Api.Response response = this.api.send("PUT", "/urls/" + Fixtures.id(this.link), Json.object("title", "new"),
				Map.of("Content-Type", "application/json", "X-Request-ID", requestId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);

		JdbcRoundTrips.Counts counts = this.roundTrips.of(requestId);
		assertThat(counts.transactions()).isEqualTo(1);
		assertThat(counts.commits()).isEqualTo(1);
		assertThat(counts.roundTrips()).isGreaterThan(2);
	}

	private JdbcRoundTrips.Counts read(String path, int status) {
		String requestId = UUID.randomUUID().toString();
		Api.Response response = this.api.send("GET", path, null, Map.of("X-Request-ID", requestId));
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(status);
		return this.roundTrips.of(requestId);
	}

}
