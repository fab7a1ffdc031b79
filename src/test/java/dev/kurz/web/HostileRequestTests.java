package dev.kurz.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random hostile requests, written byte by byte to a socket so that nothing a client
 * library refuses to send is left out: methods, paths, headers and bodies in every
 * combination. None may answer 5xx, and none may go unanswered. Seeded, so that a failure
 * names a request that fails again.
 */
class HostileRequestTests extends HttpTest {

	/**
	 * Every method but {@code CONNECT}, which Tomcat answers with 501 before any of
	 * Kurz's code runs (FAILURE_MODES.md); Nginx answers it at the edge.
	 */
	private static final String[] METHODS = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
			"FOO", "get", "PROPFIND" };

	private static final String[] PATHS = { "/", "/urls", "/urls/", "/urls/1", "/urls/abc", "/urls/-1",
			"/urls/99999999999999999999", "/urls/1/stats", "/urls/code/x", "/urls/bulk", "/users", "/users/1",
			"/users/bulk", "/events", "/events/1", "/events/bulk", "/shorten", "/health", "/metrics", "/abc123",
			"/aB3_x-9", "/%00", "/..%2f..%2fetc", "//double", "/%E6%97%A5%E6%9C%AC", "/a?b=%zz", "/urls?page=-1",
			"/urls?user_id=%00", "/events?event_type=%F0%9F%98%80", "/actuator/health", "/actuator/env", "/error",
			"/favicon.ico", "/" + "x".repeat(3000), "/urls;jsessionid=1", "/%ZZ" };

	private static final String[] CONTENT_TYPES = { null, "application/json", "application/json; charset=klingon",
			"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "text/plain",
			"text/csv", ";;;", "application/xml", "*/*", "text/*", "application/problem+json" };

	private static final String[] BODIES = { "", "{}", "[]", "null", "\"x\"", "{\"url\":\"https://例え.jp/パス\"}",
			"{\"url\":\"https://google.com@evil.example/\"}", "{\"username\":1,\"email\":[]}", "%zz=%%&a=%", "a=1&b",
			"\u0000", "{\"user_id\":1e999}", "[".repeat(2000), "--x\r\nContent-Disposition: form-data\r\n\r\n--x--",
			"{\"url_id\":1,\"event_type\":\"click\",\"details\":{\"a\":\"\\ud800\"}}",
			"{\"title\":\"" + "t".repeat(600) + "\"}" };

	private static final String[][] HEADERS = { { "Accept", "text/html" }, { "Accept", "application/xml" },
			{ "Accept", "garbage/;;" }, { "X-Forwarded-For", "not-an-ip, ::zz" }, { "X-Forwarded-Proto", "gopher" },
			{ "X-Request-ID", "\u00e9" + "r".repeat(300) }, { "Referer", "javascript:alert(1)" }, { "User-Agent", "" },
			{ "Range", "bytes=9-1" }, { "If-None-Match", "*" }, { "Accept-Charset", "klingon" }, { "Origin", "null" },
			{ "Expect", "100-continue" }, { "Idempotency-Key", "" } };

	@Test
	void noHostileRequestAnswers5xxOrGoesUnanswered() throws IOException {
		Random random = new Random(3_000);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			byte[] request = request(random);
			String status = send(request);
			if (status == null || !status.matches("HTTP/1\\.1 [1-4]\\d\\d.*")) {
				failures
					.add(status + " <- " + new String(request, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
			}
		}
		assertThat(failures).as("requests answered 5xx or not at all").isEmpty();
	}

	private static byte[] request(Random random) {
		String method = METHODS[random.nextInt(METHODS.length)];
		String path = PATHS[random.nextInt(PATHS.length)];
		String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
		byte[] body = (random.nextInt(10) == 0) ? randomBytes(random)
				: BODIES[random.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
		if (type != null) {
			head.append("Content-Type: ").append(type).append("\r\n");
		}
		for (int i = random.nextInt(3); i > 0; i--) {
			String[] header = HEADERS[random.nextInt(HEADERS.length)];
			head.append(header[0]).append(": ").append(header[1]).append("\r\n");
		}
		if (body.length > 0 || random.nextBoolean()) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		if (head.indexOf("Content-Length") >= 0) {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(512)];
		random.nextBytes(bytes);
		return bytes;
	}

	/** The status line of the answer, or null when the connection closed without one. */
	private String send(byte[] request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readAllBytes();
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n");
			return (end > 0) ? text.substring(0, end) : null;
		}
		catch (java.net.SocketException ex) {
			return null;
		}
	}

}
