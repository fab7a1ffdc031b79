package dev.kurz.web;

import java.sql.SQLException;

import dev.kurz.shared.BadRequestException;
import dev.kurz.shared.ConflictException;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PayloadTooLargeException;
import dev.kurz.shared.TooManyRequestsException;
import dev.kurz.shared.UnsendableTargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error path: every failure becomes an {@code application/problem+json} body with
 * a human-readable {@code error} string, and never a stack trace, class name or SQL.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** MDC key under which the request id filter stores the id of the current request. */
	static final String REQUEST_ID = "request_id";

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> notFound(NotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, ex.getMessage(), request);
	}

	/**
	 * No key, or one that is unknown or revoked: the challenge names the scheme to use.
	 */
	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kurz\"");
		String message = (ex instanceof BadCredentialsException) ? "invalid or revoked API key"
				: "an API key is required: send Authorization: Bearer <key>";
		return handleExceptionInternal(ex, body(HttpStatus.UNAUTHORIZED, message), headers, HttpStatus.UNAUTHORIZED,
				request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
		return problem(ex, HttpStatus.FORBIDDEN, "this route needs an admin key", request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> badPathValue(MethodArgumentTypeMismatchException ex, WebRequest request) {
		// A non-numeric id in a path names nothing that exists: 404, as for any unknown
		// id.
		return problem(ex, HttpStatus.NOT_FOUND, "not found", request);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<Object> conflict(ConflictException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, ex.getMessage(), request);
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> invalid(InvalidInputException ex, WebRequest request) {
		ProblemDetail body = body(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		body.setProperty("fields", ex.fields());
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> tooLarge(PayloadTooLargeException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), request);
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<Object> tooMany(TooManyRequestsException ex, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		return handleExceptionInternal(ex, body(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()), headers,
				HttpStatus.TOO_MANY_REQUESTS, request);
	}

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<Object> badRequest(BadRequestException ex, WebRequest request) {
		ProblemDetail body = body(HttpStatus.BAD_REQUEST, ex.getMessage());
		if (!ex.fields().isEmpty()) {
			body.setProperty("fields", ex.fields());
		}
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(UnsendableTargetException.class)
	ResponseEntity<Object> unsendableTarget(UnsendableTargetException ex, WebRequest request) {
		log.warn("Link {} has a stored target that cannot be sent as a redirect: see RUNBOOK.md", ex.linkId());
		return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage(), request);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> badMultipart(MultipartException ex, WebRequest request) {
		return problem(ex, HttpStatus.BAD_REQUEST, "malformed multipart request", request);
	}

	/**
	 * PostgreSQL unreachable, or no pooled connection free in time: a 503 tells Nginx to
	 * try an idempotent request on another replica, and clients that the condition is
	 * temporary.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
		log.warn("Database unavailable: {}", ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return handleExceptionInternal(ex, body(HttpStatus.SERVICE_UNAVAILABLE, "service temporarily unavailable"),
				headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		if (lostDatabaseConnection(ex)) {
			// Such as a rollback on a connection that broke mid-transaction (a
			// JpaSystemException).
			return databaseUnavailable(ex, request);
		}
		log.error("Unhandled error", ex);
		return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "internal error", request);
	}

	/**
	 * The connection to PostgreSQL failed under the request: SQLState class 08, or the
	 * pool's "Connection is closed" (no SQLState), which a rollback meets after the pool
	 * has evicted a connection that broke mid-transaction.
	 */
	private static boolean lostDatabaseConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
					|| (sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())))) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return tooLarge(tooLarge, request);
			}
			cause = cause.getCause();
		}
		return problem(ex, HttpStatus.BAD_REQUEST, "malformed JSON request body", request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
				: body(statusCode, reason(statusCode, ex));
		if (problem.getProperties() == null || !problem.getProperties().containsKey("error")) {
			problem.setProperty("error", (problem.getDetail() != null) ? problem.getDetail() : reason(statusCode, ex));
		}
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String message, WebRequest request) {
		return handleExceptionInternal(ex, body(status, message), new HttpHeaders(), status, request);
	}

	private static ProblemDetail body(HttpStatusCode status, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setProperty("error", message);
		return problem;
	}

	private static String reason(HttpStatusCode status, Exception ex) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase().toLowerCase() : "error";
	}

}
