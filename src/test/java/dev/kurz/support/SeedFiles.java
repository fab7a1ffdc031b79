package dev.kurz.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The real seed files shipped in {@code seed-data/}, read as the service reads them. */
public final class SeedFiles {

	private static final Path DIRECTORY = Path.of("seed-data");

	private SeedFiles() {
	}

	public static String text(String name) {
		try {
			return Files.readString(DIRECTORY.resolve(name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<CSVRecord> rows(String name) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = Files.newBufferedReader(DIRECTORY.resolve(name), StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			return parser.getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
