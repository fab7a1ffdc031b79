package dev.kurz.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import dev.kurz.support.SeedFiles;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real seed files load completely and behave as the links they describe. Loading
 * takes a few seconds, so each test checks everything that one load can show.
 */
class SeedImportTests extends HttpTest {

	private static final int USERS = 400;

	private static final int URLS = 2000;

	private static final int EVENTS = 3422;

	@AfterEach
	void settleClicks() {
		Fixtures.settleClicks(this.api);
	}

	@Test
	void seedFilesImportCompletelyKeepingIdsAndValues() {
		loadSeeds();

		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo(Integer.toString(URLS));
		assertThat(this.api.get("/events").header("X-Total-Count")).isEqualTo(Integer.toString(EVENTS));

		CSVRecord user = SeedFiles.rows("users.csv").get(0);
		JsonNode importedUser = this.api.get("/users/" + user.get("id")).json();
		assertThat(importedUser.get("username").stringValue()).isEqualTo(user.get("username"));
		assertThat(importedUser.get("email").stringValue()).isEqualTo(user.get("email"));
		assertThat(importedUser.get("created_at").stringValue()).isEqualTo(iso(user.get("created_at")));

		CSVRecord inactive = SeedFiles.rows("urls.csv")
			.stream()
			.filter((r) -> r.get("is_active").equals("False"))
			.findFirst()
			.orElseThrow();
		JsonNode importedUrl = this.api.get("/urls/" + inactive.get("id")).json();
		assertThat(importedUrl.get("short_code").stringValue()).isEqualTo(inactive.get("short_code"));
		assertThat(importedUrl.get("original_url").stringValue()).isEqualTo(inactive.get("original_url"));
		assertThat(importedUrl.get("title").stringValue()).isEqualTo(inactive.get("title"));
		assertThat(importedUrl.get("is_active").booleanValue()).isFalse();
		assertThat(importedUrl.get("user_id").longValue()).isEqualTo(Long.parseLong(inactive.get("user_id")));
		assertThat(importedUrl.get("created_at").stringValue()).isEqualTo(iso(inactive.get("created_at")));
		assertThat(importedUrl.get("updated_at").stringValue()).isEqualTo(iso(inactive.get("updated_at")));

		CSVRecord event = SeedFiles.rows("events.csv").get(0);
		JsonNode importedEvent = this.api.get("/events/" + event.get("id")).json();
		assertThat(importedEvent.get("url_id").longValue()).isEqualTo(Long.parseLong(event.get("url_id")));
		assertThat(importedEvent.get("event_type").stringValue()).isEqualTo(event.get("event_type"));
		assertThat(importedEvent.get("timestamp").stringValue()).isEqualTo(iso(event.get("timestamp")));
		assertThat(importedEvent.get("details")).isEqualTo(JsonMapper.builder().build().readTree(event.get("details")));

		// The id sequences moved past the explicit ids: new rows get fresh ids.
		Api.Response newUser = this.api.post("/users", Json.object("username", "fresh", "email", "fresh@example.com"));
		assertThat(newUser.status()).as(newUser.body()).isEqualTo(201);
		assertThat(newUser.json().get("id").longValue()).isGreaterThan(USERS);
		Api.Response newUrl = this.api.post("/urls",
				Json.object("user_id", newUser.json().get("id").longValue(), "original_url", "https://example.com/n"));
		assertThat(newUrl.status()).as(newUrl.body()).isEqualTo(201);
		assertThat(newUrl.json().get("id").longValue()).isGreaterThan(URLS);
		Api.Response newEvent = this.api.post("/events",
				Json.object("url_id", newUrl.json().get("id").longValue(), "event_type", "share"));
		assertThat(newEvent.status()).as(newEvent.body()).isEqualTo(201);
		assertThat(newEvent.json().get("id").longValue()).isGreaterThan(EVENTS);
	}

	@Test
	void everyActiveSeededCodeRedirectsToItsOriginalUrl() throws Exception {
		loadSeeds();
		List<CSVRecord> rows = SeedFiles.rows("urls.csv");
		List<String> wrong = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> checks = new ArrayList<>();
			for (CSVRecord row : rows) {
				checks.add(pool.submit(() -> check(row, wrong)));
			}
			for (Future<?> check : checks) {
				check.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(wrong).isEmpty();
		long active = rows.stream().filter((r) -> r.get("is_active").equals("True")).count();
		assertThat(active).isGreaterThan(1000);
		// Reading the events writes the buffered clicks first, so none of them lands
		// after this test.
		assertThat(this.api.get("/events?event_type=click&per_page=1").header("X-Total-Count"))
			.isEqualTo(Long.toString(active));
	}

	@Test
	void reimportSkipsEveryRowAsADuplicate() {
		loadSeeds();

		assertSkipped(this.api.upload("/users/bulk", "file", SeedFiles.text("users.csv")), USERS);
		assertSkipped(this.api.upload("/urls/bulk", "file", SeedFiles.text("urls.csv")), URLS);
		assertSkipped(this.api.upload("/events/bulk", "file", SeedFiles.text("events.csv")), EVENTS);
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
		assertThat(this.api.get("/urls").header("X-Total-Count")).isEqualTo(Integer.toString(URLS));
		assertThat(this.api.get("/events").header("X-Total-Count")).isEqualTo(Integer.toString(EVENTS));
	}

	private void check(CSVRecord row, List<String> wrong) {
		String code = row.get("short_code");
		Api.Response response = this.api.get("/" + code);
		if (row.get("is_active").equals("True")) {
			if (response.status() != 302 || !row.get("original_url").equals(response.header("Location"))) {
				wrong.add(code + " -> " + response.status() + " " + response.header("Location"));
			}
		}
		else if (response.status() != 404) {
			wrong.add(code + " (inactive) -> " + response.status());
		}
	}

	private void loadSeeds() {
		assertImported(this.api.upload("/users/bulk", "file", SeedFiles.text("users.csv")), USERS);
		assertImported(this.api.upload("/urls/bulk", "file", SeedFiles.text("urls.csv")), URLS);
		assertImported(this.api.upload("/events/bulk", "file", SeedFiles.text("events.csv")), EVENTS);
	}

	/** The seed files' {@code 2025-06-09 11:24:49} (UTC) as the API writes it. */
	private static String iso(String seedTimestamp) {
		return seedTimestamp.replace(' ', 'T') + "Z";
	}

	private static void assertImported(Api.Response response, int rows) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode result = response.json();
		assertThat(result.get("imported").intValue()).isEqualTo(rows);
		assertThat(result.get("skipped").intValue()).isZero();
		assertThat(result.get("count").intValue()).isEqualTo(rows);
	}

	private static void assertSkipped(Api.Response response, int rows) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isZero();
		assertThat(response.json().get("skipped").intValue()).isEqualTo(rows);
		assertThat(response.json().get("count").intValue()).isZero();
	}

}
