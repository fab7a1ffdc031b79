package dev.kurz.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} (IETF httpapi draft) on {@code POST /shorten}, {@code /urls},
 * {@code /users} and {@code /events}. The first request with a key claims it in Redis
 * ({@code SET NX}, atomic across replicas) and runs; its answer is then kept for
 * {@code kurz.idempotency.retention} and a repeat with the same key and body gets it
 * again without running. The same key with another body is refused with 422, a repeat
 * while the first still runs with 409. Keys are scoped to the client: its API key (as a
 * hash), or its address when it sends none. A 5xx answer frees the key, so that the retry
 * runs. Without Redis the header cannot be honoured and is refused with 503.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private static final Set<String> ROUTES = Set.of("/shorten", "/urls", "/users", "/events");

	private static final int MAX_KEY_LENGTH = 255;

	/** The JSON body limit of the routes: a larger body is refused by them anyway. */
	private static final int MAX_BODY = 1024 * 1024;

	private static final String PREFIX = "kurz:idempotency:";

	private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	private final IdempotencyProperties properties;

	IdempotencyFilter(StringRedisTemplate redis, ObjectMapper mapper, IdempotencyProperties properties) {
		this.redis = redis;
		this.mapper = mapper;
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| !ROUTES.contains(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			problem(response, HttpStatus.BAD_REQUEST, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
			return;
		}
		if (request.getContentLengthLong() > MAX_BODY) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = read(request.getInputStream());
		if (body == null) {
			problem(response, HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + MAX_BODY + " bytes");
			return;
		}
		String slot = PREFIX + client(request) + ":" + sha256(key.getBytes(StandardCharsets.UTF_8));
		String fingerprint = sha256(request.getRequestURI().getBytes(StandardCharsets.UTF_8), body);
		StoredAnswer claim = StoredAnswer.running(fingerprint);
		Boolean claimed;
		try {
			claimed = this.redis.opsForValue()
				.setIfAbsent(slot, this.mapper.writeValueAsString(claim), this.properties.lockTimeout());
		}
		catch (RuntimeException ex) {
			unavailable(response, ex);
			return;
		}
		if (Boolean.TRUE.equals(claimed)) {
			run(slot, fingerprint, new CachedBodyRequest(request, body), response, chain);
			return;
		}
		StoredAnswer earlier;
		try {
			String stored = this.redis.opsForValue().get(slot);
			earlier = (stored != null) ? this.mapper.readValue(stored, StoredAnswer.class) : null;
		}
		catch (RuntimeException ex) {
			unavailable(response, ex);
			return;
		}
		if (earlier == null) {
			// Freed between the claim and the read: the first request failed, so this
			// one is still running concurrently in effect.
			problem(response, HttpStatus.CONFLICT, "a request with this " + HEADER + " is in progress; retry later");
		}
		else if (!earlier.fingerprint().equals(fingerprint)) {
			problem(response, HttpStatus.UNPROCESSABLE_CONTENT,
					"this " + HEADER + " was used with another request body");
		}
		else if (earlier.isRunning()) {
			problem(response, HttpStatus.CONFLICT, "a request with this " + HEADER + " is in progress; retry later");
		}
		else {
			replay(earlier, response);
		}
	}

	private void run(String slot, String fingerprint, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(request, answer);
			if (answer.getStatus() < 500) {
				StoredAnswer done = StoredAnswer.done(fingerprint, answer.getStatus(), answer.getContentType(),
						answer.getHeader(HttpHeaders.LOCATION),
						new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
				this.redis.opsForValue().set(slot, this.mapper.writeValueAsString(done), this.properties.retention());
				kept = true;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not keep the answer of an idempotent request: {}", ex.getMessage());
		}
		finally {
			if (!kept) {
				free(slot);
			}
			answer.copyBodyToResponse();
		}
	}

	private void free(String slot) {
		try {
			this.redis.delete(slot);
		}
		catch (RuntimeException ex) {
			log.warn("Could not free an idempotency key; it expires by itself: {}", ex.getMessage());
		}
	}

	private static void replay(StoredAnswer earlier, HttpServletResponse response) throws IOException {
		response.setStatus(earlier.status());
		if (earlier.contentType() != null) {
			response.setContentType(earlier.contentType());
		}
		if (earlier.location() != null) {
			response.setHeader(HttpHeaders.LOCATION, earlier.location());
		}
		response.setHeader(REPLAYED, "true");
		byte[] bytes = earlier.body().getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The API key the request carries (hashed: Redis never holds a key), or its address.
	 * An unknown key never gets here: the security filters refused it.
	 */
	private static String client(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String key = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).trim() : request.getHeader("X-API-Key");
		if (key != null && !key.isBlank()) {
			return "key:" + sha256(key.getBytes(StandardCharsets.UTF_8));
		}
		return "addr:" + request.getRemoteAddr();
	}

	/** The whole body, or null when it is larger than {@link #MAX_BODY}. */
	private static byte[] read(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes(MAX_BODY + 1);
		return (bytes.length > MAX_BODY) ? null : bytes;
	}

	private static String sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(part);
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void unavailable(HttpServletResponse response, RuntimeException ex) throws IOException {
		log.warn("Idempotency-Key refused, Redis unavailable: {}", ex.getMessage());
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		problem(response, HttpStatus.SERVICE_UNAVAILABLE,
				HEADER + " cannot be honoured right now (its store is unavailable); retry later");
	}

	private void problem(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setProperty("error", message);
		String requestId = MDC.get("request_id");
		if (requestId != null) {
			problem.setProperty("request_id", requestId);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		try {
			this.mapper.writeValue(response.getOutputStream(), problem);
		}
		catch (JacksonException ex) {
			throw new IOException(ex);
		}
	}

	/** The request with its body, already read, readable again. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] bytes, int offset, int length) {
					return in.read(bytes, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
