package dev.kurz.api;

/** Descriptions that several operations of the OpenAPI description share. */
public final class ApiDocs {

	public static final String PAGE = "Page number, from 1.";

	public static final String PER_PAGE = "Rows per page, at most 100.";

	private ApiDocs() {
	}

}
