package dev.kurz.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Outcome of a bulk import. {@code count} repeats {@code imported} for older clients; an
 * empty file answers without it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportResult(int imported, int skipped, Integer count) {

	static ImportResult of(int imported, int skipped) {
		return new ImportResult(imported, skipped, imported);
	}

	static ImportResult empty() {
		return new ImportResult(0, 0, null);
	}

	boolean isEmpty() {
		return this.count == null;
	}

}
