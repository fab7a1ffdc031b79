package dev.kurz.user;

import dev.kurz.web.Created;
import dev.kurz.api.ApiDocs;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/users")
@Tag(name = "users", description = "Users, the owners of links.")
class UserController {

	private final UserService users;

	private final JsonStream json;

	UserController(UserService users, JsonStream json) {
		this.users = users;
		this.json = json;
	}

	@GetMapping
	@Operation(operationId = "listUsers", summary = "List users",
			description = "Users in id order, a page at a time; a user key sees itself only.",
			responses = @ApiResponse(responseCode = "200", description = "A page of users.",
					headers = @Header(name = JsonStream.TOTAL_COUNT, description = "Users on all pages.",
							schema = @Schema(type = "integer")),
					content = @Content(array = @ArraySchema(schema = @Schema(implementation = UserResponse.class)))))
	ResponseEntity<StreamingResponseBody> list(
			@Parameter(description = ApiDocs.PAGE,
					schema = @Schema(type = "integer", minimum = "1", defaultValue = "1")) @RequestParam(
							required = false) String page,
			@Parameter(description = ApiDocs.PER_PAGE,
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @RequestParam(name = "per_page", required = false) String perPage) {
		var window = ListParams.page(page, perPage);
		return this.json.<UserResponse>array(this.users.count(), (sink) -> this.users.stream(window, sink));
	}

	@GetMapping("/{id:\\d+}")
	@Operation(operationId = "getUser", summary = "Read a user")
	UserResponse get(@PathVariable long id) {
		return this.users.get(id);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createUser", summary = "Create a user",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = UserSchemas.CreateUser.class))),
			responses = @ApiResponse(responseCode = "201", description = "Created; `Location` names the user.",
					headers = @Header(name = "Location", schema = @Schema(type = "string")),
					content = @Content(schema = @Schema(implementation = CreatedUserResponse.class))))
	ResponseEntity<CreatedUserResponse> create(@RequestBody JsonNode body) {
		CreatedUserResponse user = this.users.create(CreateUserRequest.from(body));
		ResponseEntity<CreatedUserResponse> created = Created.at("/users/{id}", user.id(), user);
		if (user.apiKey() == null) {
			return created;
		}
		// The one answer that shows the first key: no cache on the way keeps a copy.
		return ResponseEntity.status(created.getStatusCode())
			.headers(created.getHeaders())
			.cacheControl(CacheControl.noStore())
			.body(user);
	}

	@PutMapping(path = "/{id:\\d+}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "updateUser", summary = "Change a user",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = UserSchemas.UpdateUser.class))))
	UserResponse update(@PathVariable long id, @RequestBody JsonNode body) {
		return this.users.update(id, UpdateUserRequest.from(body));
	}

	@DeleteMapping("/{id:\\d+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteUser", summary = "Delete a user",
			responses = @ApiResponse(responseCode = "204", description = "Deleted."))
	void delete(@PathVariable long id) {
		this.users.delete(id);
	}

}
