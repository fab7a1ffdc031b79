package dev.kurz.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: what a real client sends, with no Spring in between. */
public final class Api {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private final String base;

	private final Map<String, String> headers;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	public Api(String base) {
		this(base, Map.of());
	}

	private Api(String base, Map<String, String> headers) {
		this.base = base;
		this.headers = headers;
	}

	/** The same service, with {@code Authorization: Bearer <key>} on every request. */
	public Api withKey(String key) {
		return new Api(this.base, Map.of("Authorization", "Bearer " + key));
	}

	public String base() {
		return this.base;
	}

	public Response get(String path) {
		return send(builder(path).GET());
	}

	public Response head(String path) {
		return send(builder(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
	}

	public Response delete(String path) {
		return send(builder(path).DELETE());
	}

	public Response post(String path, String json) {
		return send(builder(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response put(String path, String json) {
		return send(builder(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Any method, body and headers: for malformed or unusual requests. */
	public Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder builder = builder(path).method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(builder::header);
		return send(builder);
	}

	/**
	 * A body sent chunked, without {@code Content-Length}: its size shows only while it
	 * is read.
	 */
	public Response sendChunked(String method, String path, String contentType, byte[] body) {
		return send(builder(path).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	/**
	 * {@code multipart/form-data} with one file part named {@code field} (or none when
	 * null).
	 */
	public Response upload(String path, String field, String csv) {
		String boundary = "kurz-" + UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		if (field != null) {
			body.append("--")
				.append(boundary)
				.append("\r\n")
				.append("Content-Disposition: form-data; name=\"")
				.append(field)
				.append("\"; filename=\"data.csv\"\r\n")
				.append("Content-Type: text/csv\r\n\r\n")
				.append(csv)
				.append("\r\n");
		}
		else {
			body.append("--")
				.append(boundary)
				.append("\r\n")
				.append("Content-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	private HttpRequest.Builder builder(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30));
		this.headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response with its body parsed on demand. */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return MAPPER.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

}
