package dev.kurz.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.kurz.shared.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * The three CSV bulk endpoints: multipart/form-data with the CSV in field {@code file}. A
 * request with no content type at all carries no file (400); one of another type is
 * refused (415).
 */
@RestController
class BulkImportController {

	private static final Map<String, String> NO_FILE = Map.of("file",
			"is required: send the CSV as multipart/form-data field 'file'");

	private final CsvImporter importer;

	BulkImportController(CsvImporter importer) {
		this.importer = importer;
	}

	@PostMapping("/users/bulk")
	@Operation(operationId = "importUsers", summary = "Import users from CSV",
			description = "The CSV (header row first, columns `id,username,email,created_at`) in multipart "
					+ "field `file`, at most 10 MiB. Rows that cannot be imported are skipped and counted.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "multipart/form-data",
							schema = @Schema(implementation = CsvUpload.class),
							encoding = @Encoding(name = "file", contentType = "text/csv"))),
			responses = {
					@ApiResponse(responseCode = "201", description = "Imported.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))),
					@ApiResponse(responseCode = "200", description = "The file held no rows.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))) })
	ResponseEntity<ImportResult> users(HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		return run(file(request), this.importer::importUsers);
	}

	@PostMapping("/urls/bulk")
	@Operation(operationId = "importUrls", summary = "Import links from CSV",
			description = "The CSV (header row first, columns as `GET /urls/export.csv` writes them) in multipart "
					+ "field `file`, at most 10 MiB. Rows that cannot be imported are skipped and counted.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "multipart/form-data",
							schema = @Schema(implementation = CsvUpload.class),
							encoding = @Encoding(name = "file", contentType = "text/csv"))),
			responses = {
					@ApiResponse(responseCode = "201", description = "Imported.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))),
					@ApiResponse(responseCode = "200", description = "The file held no rows.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))) })
	ResponseEntity<ImportResult> urls(HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		return run(file(request), this.importer::importUrls);
	}

	@PostMapping("/events/bulk")
	@Operation(operationId = "importEvents", summary = "Import events from CSV",
			description = "The CSV (header row first, columns as `GET /events/export.csv` writes them) in multipart "
					+ "field `file`, at most 10 MiB. Rows that cannot be imported are skipped and counted.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "multipart/form-data",
							schema = @Schema(implementation = CsvUpload.class),
							encoding = @Encoding(name = "file", contentType = "text/csv"))),
			responses = {
					@ApiResponse(responseCode = "201", description = "Imported.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))),
					@ApiResponse(responseCode = "200", description = "The file held no rows.",
							content = @Content(schema = @Schema(implementation = ImportResult.class))) })
	ResponseEntity<ImportResult> events(HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		return run(file(request), this.importer::importEvents);
	}

	private static MultipartFile file(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		String type = request.getContentType();
		if (type == null || type.isBlank()) {
			throw new BadRequestException("no file", NO_FILE);
		}
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		if (multipart == null) {
			throw new HttpMediaTypeNotSupportedException("content type '" + type + "' is not supported",
					List.of(MediaType.MULTIPART_FORM_DATA));
		}
		MultipartFile file = multipart.getFile("file");
		if (file == null) {
			throw new BadRequestException("no file", NO_FILE);
		}
		return file;
	}

	private static ResponseEntity<ImportResult> run(MultipartFile file, Function<InputStream, ImportResult> importer)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			ImportResult result = importer.apply(in);
			return ResponseEntity.status(result.isEmpty() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
		}
	}

	/** The multipart body, as the OpenAPI description shows it. */
	record CsvUpload(
			@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String file) {

	}

}
