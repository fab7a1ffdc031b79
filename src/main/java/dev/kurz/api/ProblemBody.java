package dev.kurz.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Every error answer, as the OpenAPI description shows it: RFC 9457 problem details
 * (written by the exception handler) with Kurz's own members.
 */
@Schema(name = OpenApiConfiguration.PROBLEM, description = "RFC 9457 problem details with Kurz's own members.")
record ProblemBody(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What went wrong, for humans.",
				example = "validation failed: original_url: is required") String error,
		@JsonProperty("request_id") @Schema(
				description = "The request's id, as in the X-Request-Id header and the logs.",
				example = "0d3c8a4e-5b7f-4c1a-9e2d-6f8b1a2c3d4e") String requestId,
		@Schema(description = "Invalid input only: the problem with each offending field.",
				example = "{\"original_url\": \"is required\"}") Map<String, String> fields,
		@Schema(example = "about:blank") String type, @Schema(example = "Unprocessable Content") String title,
		@Schema(example = "422") int status,
		@Schema(example = "validation failed: original_url: is required") String detail,
		@Schema(example = "/urls") String instance) {

}
