package dev.kurz.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some requests itself before any filter or controller sees them (a path
 * with an encoded NUL or slash, an oversized header). Its default page is HTML naming the
 * server; this valve writes the same problem+json shape as the rest of the API instead.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase().toLowerCase() : "error";
		String body = "{\"type\":\"about:blank\",\"title\":\"" + ((known != null) ? known.getReasonPhrase() : "Error")
				+ "\",\"status\":" + status + ",\"error\":\"" + reason + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was already committed: nothing more to
			// say
		}
	}

}
