package dev.kurz.imports;

import dev.kurz.event.EventRules;
import dev.kurz.shared.Caller;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.web.ListParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /urls/export.csv} and {@code GET /events/export.csv}: the caller's rows as a
 * CSV that the matching bulk import reads back, with the filters of the lists.
 */
@RestController
class BulkExportController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final CsvExporter exporter;

	BulkExportController(CsvExporter exporter) {
		this.exporter = exporter;
	}

	@GetMapping(path = "/urls/export.csv")
	@Operation(operationId = "exportUrls", summary = "Export links as CSV",
			description = "Live links in id order, in the format `POST /urls/bulk` imports; a user key gets its own "
					+ "links only. Streamed: any number of rows.",
			responses = @ApiResponse(responseCode = "200", description = "The CSV, header row first.",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
							example = "id,user_id,short_code,original_url,title,is_active,created_at,updated_at\n"
									+ "1,1,OvfxQA,https://example.com/docs,Docs,True,2025-06-09 11:24:49,"
									+ "2025-07-15 11:30:38\n"))))
	ResponseEntity<StreamingResponseBody> urls(
			@Parameter(description = "Only this user's links.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "user_id",
							required = false) String userId,
			@Parameter(description = "Only active (`true`) or inactive (`false`) links.",
					schema = @Schema(type = "boolean")) @RequestParam(name = "is_active",
							required = false) String active) {
		Long user = ListParams.id(userId, "user_id");
		Boolean flag = ListParams.flag(active, "is_active");
		Caller caller = Caller.current();
		return csv("urls.csv", (out) -> this.exporter.urls(caller, user, flag, out));
	}

	@GetMapping(path = "/events/export.csv")
	@Operation(operationId = "exportEvents", summary = "Export audit events as CSV",
			description = "Events in id order, in the format `POST /events/bulk` imports; a user key gets the events "
					+ "of its own links only. Streamed: any number of rows.",
			responses = @ApiResponse(responseCode = "200", description = "The CSV, header row first.",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
							example = "id,url_id,user_id,event_type,timestamp,details\n"
									+ "1,1,1,created,2025-06-09 11:24:49,\"{\"\"short_code\"\":\"\"OvfxQA\"\"}\"\n"))))
	ResponseEntity<StreamingResponseBody> events(
			@Parameter(description = "Only this link's events.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "url_id",
							required = false) String urlId,
			@Parameter(description = "Only events of this user.",
					schema = @Schema(type = "integer", minimum = "1")) @RequestParam(name = "user_id",
							required = false) String userId,
			@Parameter(description = "Only events of this type, such as `created`.",
					schema = @Schema(type = "string")) @RequestParam(name = "event_type",
							required = false) String eventType) {
		String type = (eventType == null || eventType.isEmpty()) ? null : eventType;
		if (type != null && EventRules.typeProblem(type) != null) {
			throw InvalidInputException.of("event_type", EventRules.typeProblem(type));
		}
		Long url = ListParams.id(urlId, "url_id");
		Long user = ListParams.id(userId, "user_id");
		Caller caller = Caller.current();
		return csv("events.csv", (out) -> this.exporter.events(caller, url, user, type, out));
	}

	private static ResponseEntity<StreamingResponseBody> csv(String filename, StreamingResponseBody body) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.body(body);
	}

}
