package dev.kurz.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

import dev.kurz.shared.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The three CSV bulk endpoints: multipart/form-data with the CSV in field {@code file}. */
@RestController
class BulkImportController {

	private final CsvImporter importer;

	BulkImportController(CsvImporter importer) {
		this.importer = importer;
	}

	@PostMapping(path = "/users/bulk", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportResult> users(@RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		return run(file, this.importer::importUsers);
	}

	@PostMapping(path = "/urls/bulk", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportResult> urls(@RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		return run(file, this.importer::importUrls);
	}

	@PostMapping(path = "/events/bulk", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportResult> events(@RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		return run(file, this.importer::importEvents);
	}

	private static ResponseEntity<ImportResult> run(MultipartFile file, Function<InputStream, ImportResult> importer)
			throws IOException {
		if (file == null) {
			throw new BadRequestException("multipart field 'file' is required");
		}
		try (InputStream in = file.getInputStream()) {
			ImportResult result = importer.apply(in);
			return ResponseEntity.status(result.isEmpty() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
		}
	}

}
