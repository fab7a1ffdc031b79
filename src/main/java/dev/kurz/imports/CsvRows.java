package dev.kurz.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.kurz.shared.BadRequestException;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.NulCharacters;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded CSV (header row first) and converts the seed files' quirky values.
 */
final class CsvRows {

	private static final DateTimeFormatter SEED_TIMESTAMP = DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSS]");

	private CsvRows() {
	}

	/** Parses the whole file; the caller already bounded its size (10 MiB). */
	static List<CSVRecord> read(InputStream in, Set<String> requiredColumns) {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreHeaderCase(true)
			.setTrim(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.get();
		try (CSVParser parser = CSVParser.parse(withoutBom(in), format)) {
			if (parser.getHeaderMap().isEmpty()) {
				return List.of();
			}
			List<String> missing = new ArrayList<>();
			for (String column : requiredColumns) {
				if (!parser.getHeaderMap().containsKey(column)) {
					missing.add(column);
				}
			}
			if (!missing.isEmpty()) {
				throw InvalidInputException.of("file", "CSV header lacks column(s) " + String.join(", ", missing));
			}
			return parser.getRecords();
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException ex) {
			throw new BadRequestException("malformed CSV: " + ex.getMessage());
		}
	}

	static String text(CSVRecord row, String column) {
		if (!row.isMapped(column) || !row.isSet(column)) {
			return null;
		}
		String value = row.get(column);
		if (NulCharacters.in(value)) {
			// PostgreSQL cannot store it: the row is skipped like any other bad value.
			throw new IllegalArgumentException("NUL character in column " + column);
		}
		return value.isEmpty() ? null : value;
	}

	/**
	 * A positive id, {@code null} when the column is empty; {@link NumberFormatException}
	 * when bad.
	 */
	static Long id(CSVRecord row, String column) {
		String value = text(row, column);
		if (value == null) {
			return null;
		}
		long id = Long.parseLong(value);
		if (id < 1) {
			throw new NumberFormatException("id below 1");
		}
		return id;
	}

	/**
	 * {@code True}/{@code False} as the seed files write them, and the usual spellings.
	 */
	static Boolean flag(CSVRecord row, String column) {
		String value = text(row, column);
		if (value == null) {
			return null;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "t", "1", "yes" -> Boolean.TRUE;
			case "false", "f", "0", "no" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException("not a boolean: " + value);
		};
	}

	/**
	 * {@code 2025-06-09 11:24:49} (taken as UTC) or ISO-8601; {@code null} when empty.
	 */
	static Instant timestamp(CSVRecord row, String column) {
		String value = text(row, column);
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value, SEED_TIMESTAMP).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException again) {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
		}
	}

	private static Reader withoutBom(InputStream in) throws IOException {
		PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
		int first = reader.read();
		if (first != -1 && first != '\uFEFF') {
			reader.unread(first);
		}
		return reader;
	}

}
