package dev.kurz.imports;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.kurz.shared.BadRequestException;
import dev.kurz.shared.InvalidInputException;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvRowsTests {

	@Test
	void headerIsMatchedIgnoringCaseAndABom() {
		List<CSVRecord> rows = read("\uFEFFUserName,EMAIL\nada,ada@example.com\n", "username", "email");

		assertThat(rows).hasSize(1);
		assertThat(CsvRows.text(rows.get(0), "username")).isEqualTo("ada");
		assertThat(CsvRows.text(rows.get(0), "email")).isEqualTo("ada@example.com");
	}

	@Test
	void emptyInputHasNoRows() {
		assertThat(read("", "username")).isEmpty();
	}

	@Test
	void missingRequiredColumnsAreNamed() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> read("id,username\n1,a\n", "email"))
			.satisfies((ex) -> assertThat(ex.fields().get("file")).contains("email"));
	}

	@Test
	void malformedCsvIsABadRequest() {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> read("username,email\n\"unterminated,a@example.com\n", "username"));
	}

	@Test
	void emptyAndAbsentValuesAreNull() {
		CSVRecord row = read("a,b\n,x\n", "a").get(0);

		assertThat(CsvRows.text(row, "a")).isNull();
		assertThat(CsvRows.text(row, "missing")).isNull();
		assertThat(CsvRows.id(row, "a")).isNull();
		assertThat(CsvRows.flag(row, "a")).isNull();
		assertThat(CsvRows.timestamp(row, "a")).isNull();
	}

	@Test
	void flagsAcceptTheSeedSpellings() {
		CSVRecord row = read("a,b,c,d\nTrue,False,true,0\n", "a").get(0);

		assertThat(CsvRows.flag(row, "a")).isTrue();
		assertThat(CsvRows.flag(row, "b")).isFalse();
		assertThat(CsvRows.flag(row, "c")).isTrue();
		assertThat(CsvRows.flag(row, "d")).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CsvRows.flag(read("a\nmaybe\n", "a").get(0), "a"));
	}

	@Test
	void idsArePositiveIntegers() {
		CSVRecord row = read("a,b,c\n7,0,x\n", "a").get(0);

		assertThat(CsvRows.id(row, "a")).isEqualTo(7L);
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> CsvRows.id(row, "b"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> CsvRows.id(row, "c"));
	}

	@Test
	void timestampsInTheSeedFormatAreUtc() {
		CSVRecord row = read(
				"a,b,c,d\n2025-06-09 11:24:49,2025-06-09T11:24:49+02:00,2025-06-09T11:24:49," + "2025-06-09 11:24\n",
				"a")
			.get(0);

		assertThat(CsvRows.timestamp(row, "a")).isEqualTo(Instant.parse("2025-06-09T11:24:49Z"));
		assertThat(CsvRows.timestamp(row, "b")).isEqualTo(Instant.parse("2025-06-09T09:24:49Z"));
		assertThat(CsvRows.timestamp(row, "c")).isEqualTo(Instant.parse("2025-06-09T11:24:49Z"));
		assertThat(CsvRows.timestamp(row, "d")).isEqualTo(Instant.parse("2025-06-09T11:24:00Z"));
	}

	private static List<CSVRecord> read(String csv, String... required) {
		return CsvRows.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Set.of(required));
	}

}
