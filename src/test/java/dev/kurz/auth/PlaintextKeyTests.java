package dev.kurz.auth;

import java.util.ArrayList;
import java.util.List;

import dev.kurz.support.Api;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the flows that handle keys, no key appears in any table, log line, event or
 * answer but its own.
 */
class PlaintextKeyTests extends KeysModeTest {

	@Autowired
	private LastUsed lastUsed;

	@Test
	void noKeyIsStoredLoggedOrEchoedInPlaintext() {
		List<String> keys = new ArrayList<>(List.of(ADMIN_KEY));
		List<String> answers = new ArrayList<>();
		try (CapturedLogs logs = new CapturedLogs()) {
			Account ada = signUp("ada");
			keys.add(ada.key());
			Api.Response link = ada.api().post("/shorten", Json.object("url", "https://example.com/secret"));
			long linkId = link.json().get("id").longValue();
			answers.add(link.body());
			answers.add(ada.api().put("/urls/" + linkId, "{\"title\":\"t\"}").body());
			answers.add(ada.api().post("/events", Json.object("url_id", linkId, "event_type", "share")).body());
			answers.add(this.api.get("/" + link.json().get("short_code").stringValue()).body());
			String second = ada.api().post("/users/" + ada.id() + "/keys", "").json().get("key").stringValue();
			keys.add(second);
			Api secondApi = this.api.withKey(second);
			answers.add(secondApi.get("/urls").body());
			long secondId = ada.api().get("/users/" + ada.id() + "/keys").json().get(1).get("id").longValue();
			answers.add(ada.api().get("/users/" + ada.id() + "/keys").body());
			answers.add(ada.api().delete("/users/" + ada.id() + "/keys/" + secondId).body());
			answers.add(secondApi.get("/urls").body());
			String unknown = "kurz_unknownunknownunknownunknownunknownunkno";
			keys.add(unknown);
			answers.add(this.api.withKey(unknown).get("/urls").body());
			answers.add(this.api.withKey(unknown).post("/users", "{}").body());
			answers.add(this.admin.get("/events").body());
			answers.add(this.admin.get("/users").body());
			answers.add(this.admin.get("/metrics").body());
			answers.add(this.admin.get("/metrics/prometheus").body());
			answers.add(ada.api().get("/metrics").body());
			this.lastUsed.flush();

			List<String> tables = this.jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
					String.class);
			assertThat(tables).contains("api_keys", "users", "urls", "events");
			StringBuilder database = new StringBuilder();
			for (String table : tables) {
				this.jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class)
					.forEach((row) -> database.append(row).append('\n'));
			}
			assertThat(database).contains(KeySecrets.hash(ada.key()));
			List<String> lines = logs.lines();
			assertThat(lines).isNotEmpty();
			for (String key : keys) {
				assertThat(database.toString()).as("database").doesNotContain(key);
				assertThat(lines).as("logs").noneMatch((line) -> line.contains(key));
				assertThat(answers).as("answers").noneMatch((answer) -> answer.contains(key));
			}
		}
	}

}
