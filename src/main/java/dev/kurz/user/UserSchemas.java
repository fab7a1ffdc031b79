package dev.kurz.user;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON bodies that the user routes read, as the OpenAPI description shows them;
 * {@link CreateUserRequest} and {@link UpdateUserRequest} parse them.
 */
final class UserSchemas {

	private UserSchemas() {
	}

	@Schema(name = "CreateUserRequest")
	record CreateUser(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada", maxLength = 100) String username,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada@example.com",
					maxLength = 254) String email) {

	}

	@Schema(name = "UpdateUserRequest", description = "The fields to change; absent fields stay as they are.")
	record UpdateUser(@Schema(example = "ada2", maxLength = 100) String username,
			@Schema(example = "ada2@example.com", maxLength = 254) String email) {

	}

}
