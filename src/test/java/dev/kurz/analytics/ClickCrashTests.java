package dev.kurz.analytics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.kurz.KurzApplication;
import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica process killed (SIGKILL) under load in commit durability: every redirect a
 * client received as a 302 has its click stored. The clicks stored beyond those are
 * requests that were cut off by the kill after their batch committed: their answer was on
 * its way.
 */
class ClickCrashTests extends HttpTest {

	private static final int CLIENTS = 16;

	@Test
	void everyRedirectAnsweredBeforeAKillHasItsClickStored() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Path.of("target", "click-crash-replica.log");
		// The test configuration (classpath:config/) and environment, as the suite's own
		// replica.
		Process replica = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-cp", System.getProperty("java.class.path"), KurzApplication.class.getName(),
				"--server.port=" + port, "--kurz.clicks.durability=commit")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			Api api = new Api("http://127.0.0.1:" + port);
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> api.get("/actuator/health/readiness").status() == 200);
			long id = api.post("/shorten", "{\"url\":\"https://example.com/c\",\"short_code\":\"crash1\"}")
				.json()
				.get("id")
				.longValue();

			AtomicLong answered = new AtomicLong();
			AtomicLong cutOff = new AtomicLong();
			AtomicBoolean loading = new AtomicBoolean(true);
			List<Thread> clients = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(client(URI.create(api.base() + "/crash1"), answered, cutOff, loading));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 2000);
			replica.destroyForcibly();
			assertThat(replica.waitFor(30, TimeUnit.SECONDS)).isTrue();
			loading.set(false);
			for (Thread client : clients) {
				client.join(TimeUnit.SECONDS.toMillis(30));
			}

			long stored = this.jdbc.queryForObject(
					"SELECT count(*) FROM events WHERE url_id = ? AND event_type = 'click'", Long.class, id);
			assertThat(stored).as("clicks stored, of %d redirects answered", answered.get())
				.isGreaterThanOrEqualTo(answered.get())
				.isLessThanOrEqualTo(answered.get() + cutOff.get());
			assertThat(cutOff.get()).isLessThanOrEqualTo(CLIENTS);
		}
		finally {
			replica.destroyForcibly();
			replica.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Asks for the link until told to stop; counts each 302 received whole, and the
	 * requests that got no answer.
	 */
	private static Thread client(URI link, AtomicLong answered, AtomicLong cutOff, AtomicBoolean loading) {
		Thread thread = new Thread(() -> {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpRequest request = HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(10)).GET().build();
			while (loading.get()) {
				try {
					HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 302) {
						answered.incrementAndGet();
					}
				}
				catch (IOException ex) {
					cutOff.incrementAndGet();
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}, "crash-client");
		thread.start();
		return thread;
	}

}
