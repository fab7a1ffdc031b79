package dev.kurz.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (rejected by a filter or by the servlet
 * container) in the same problem+json shape as the exception handler does.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// No status: a client asked for the error path itself, which names nothing.
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 404);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		String text = (status.is4xxClientError() && message instanceof String value && !value.isBlank()) ? value
				: status.getReasonPhrase().toLowerCase();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text);
		problem.setProperty("error", text);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
			try {
				problem.setInstance(URI.create(uri));
			}
			catch (IllegalArgumentException ex) {
				// a path the container rejected may not parse as a URI: leave instance
				// out
			}
		}
		String requestId = MDC.get(ApiExceptionHandler.REQUEST_ID);
		if (requestId != null) {
			problem.setProperty(ApiExceptionHandler.REQUEST_ID, requestId);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
