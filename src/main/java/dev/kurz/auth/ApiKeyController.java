package dev.kurz.auth;

import java.util.List;

import dev.kurz.web.Created;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/users/{userId:\\d+}/keys")
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@PostMapping
	ResponseEntity<NewKeyResponse> issue(@PathVariable long userId) {
		NewKeyResponse key = this.keys.issue(userId);
		ResponseEntity<NewKeyResponse> created = Created.at("/users/" + userId + "/keys/{id}", key.id(), key);
		// The one answer that shows the key: no cache on the way keeps a copy.
		return ResponseEntity.status(created.getStatusCode())
			.headers(created.getHeaders())
			.cacheControl(CacheControl.noStore())
			.body(key);
	}

	@GetMapping
	List<KeyResponse> list(@PathVariable long userId) {
		return this.keys.list(userId);
	}

	@DeleteMapping("/{keyId:\\d+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable long userId, @PathVariable long keyId) {
		this.keys.revoke(userId, keyId);
	}

}
