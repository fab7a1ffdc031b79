package dev.kurz.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.kurz.shared.BadRequestException;
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
	ResponseEntity<ImportResult> users(HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		return run(file(request), this.importer::importUsers);
	}

	@PostMapping("/urls/bulk")
	ResponseEntity<ImportResult> urls(HttpServletRequest request)
			throws IOException, HttpMediaTypeNotSupportedException {
		return run(file(request), this.importer::importUrls);
	}

	@PostMapping("/events/bulk")
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

}
