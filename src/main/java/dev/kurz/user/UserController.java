package dev.kurz.user;

import dev.kurz.web.Created;
import dev.kurz.web.JsonStream;
import dev.kurz.web.ListParams;
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
class UserController {

	private final UserService users;

	private final JsonStream json;

	UserController(UserService users, JsonStream json) {
		this.users = users;
		this.json = json;
	}

	@GetMapping
	ResponseEntity<StreamingResponseBody> list(@RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		var window = ListParams.page(page, perPage);
		return this.json.<UserResponse>array(this.users.count(), (sink) -> this.users.stream(window, sink));
	}

	@GetMapping("/{id:\\d+}")
	UserResponse get(@PathVariable long id) {
		return this.users.get(id);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
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
	UserResponse update(@PathVariable long id, @RequestBody JsonNode body) {
		return this.users.update(id, UpdateUserRequest.from(body));
	}

	@DeleteMapping("/{id:\\d+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.users.delete(id);
	}

}
