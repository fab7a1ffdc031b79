package dev.kurz.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * 401 and 403 answers of the security filters, which run before Spring MVC: handed to
 * MVC's exception resolvers, so that they take the one error path (problem+json, with
 * {@code error} and {@code request_id}) like every other error.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	ProblemResponses(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof AuthenticationServiceException && ex.getCause() instanceof Exception cause) {
			resolve(request, response, cause, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		resolve(request, response, ex, HttpServletResponse.SC_UNAUTHORIZED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		resolve(request, response, ex, HttpServletResponse.SC_FORBIDDEN);
	}

	private void resolve(HttpServletRequest request, HttpServletResponse response, Exception ex, int fallback)
			throws IOException {
		if (this.resolver.resolveException(request, response, null, ex) == null) {
			response.sendError(fallback);
		}
	}

}
