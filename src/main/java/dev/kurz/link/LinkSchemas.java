package dev.kurz.link;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON bodies that the link routes read, as the OpenAPI description shows them. The
 * routes parse their bodies by hand ({@link CreateLinkRequest},
 * {@link UpdateLinkRequest}) to name every bad field at once; these records only describe
 * them.
 */
final class LinkSchemas {

	private LinkSchemas() {
	}

	@Schema(name = "CreateUrlRequest",
			description = "A new link. `url` is accepted for `original_url`, " + "`custom_code` for `short_code`.")
	record CreateUrl(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Absolute http(s) URL to redirect to.",
					example = "https://example.com/docs") String originalUrl,
			@Schema(description = "The owner. Required for an admin or open-mode caller; a user key's links "
					+ "belong to its own user.", example = "1", minimum = "1") Long userId,
			@Schema(description = "A code of your choice (3-32 of `A-Za-z0-9_-`); generated when absent.",
					example = "docs", pattern = "^[A-Za-z0-9_-]{3,32}$") String shortCode,
			@Schema(description = "Up to 500 characters.", example = "Docs", maxLength = 500) String title,
			@Schema(description = "Whether the link redirects; true when absent.", example = "true",
					defaultValue = "true") Boolean isActive) {

	}

	@Schema(name = "ShortenRequest",
			description = "A new link. `original_url` is accepted for `url`, " + "`custom_code` for `short_code`.")
	record Shorten(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Absolute http(s) URL to redirect to.",
					example = "https://example.com/docs") String url,
			@Schema(description = "The owner, optional.", example = "1", minimum = "1") Long userId,
			@Schema(description = "A code of your choice (3-32 of `A-Za-z0-9_-`); generated when absent.",
					example = "docs", pattern = "^[A-Za-z0-9_-]{3,32}$") String shortCode,
			@Schema(description = "Up to 500 characters.", example = "Docs", maxLength = 500) String title,
			@Schema(description = "Whether the link redirects; true when absent.", example = "true",
					defaultValue = "true") Boolean isActive) {

	}

	@Schema(name = "UpdateUrlRequest", description = "The fields to change; absent fields stay as they are, "
			+ "a null `title` clears it. `url` is accepted for `original_url`.")
	record UpdateUrl(@Schema(example = "https://example.com/new") String originalUrl,
			@Schema(example = "New docs", maxLength = 500) String title, @Schema(example = "false") Boolean isActive) {

	}

	@Schema(name = "DeleteUrlRequest", description = "Optional body of a delete.")
	record DeleteUrl(@Schema(description = "Recorded in the audit event; `user_requested` when absent.",
			example = "spam") String reason) {

	}

}
