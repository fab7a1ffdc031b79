package dev.kurz.user;

import java.time.Instant;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class UserApiTests extends HttpTest {

	@Test
	void createReturns201WithTheUserAndItsLocation() {
		Instant before = Instant.now().minusSeconds(5);
		Api.Response response = this.api.post("/users", Json.object("username", "ada", "email", "ada@example.com"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode user = response.json();
		assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "username", "email", "created_at");
		assertThat(user.get("id").isIntegralNumber()).isTrue();
		assertThat(user.get("username").stringValue()).isEqualTo("ada");
		assertThat(user.get("email").stringValue()).isEqualTo("ada@example.com");
		assertThat(Instant.parse(user.get("created_at").stringValue())).isAfter(before);
		assertThat(response.header("Location")).endsWith("/users/" + user.get("id").longValue());
	}

	@Test
	void getReturnsTheUserAndListReturnsAllUsersInIdOrder() {
		long first = Fixtures.id(Fixtures.user(this.api, "ada", "ada@example.com"));
		long second = Fixtures.id(Fixtures.user(this.api, "bob", "bob@example.com"));

		Api.Response one = this.api.get("/users/" + second);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("username").stringValue()).isEqualTo("bob");

		Api.Response list = this.api.get("/users");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.header("X-Total-Count")).isEqualTo("2");
		assertThat(list.json().isArray()).isTrue();
		assertThat(list.json().valueStream().map((u) -> u.get("id").longValue()).toList()).containsExactly(first,
				second);
		assertThat(list.json().get(0).propertyNames()).containsExactlyInAnyOrder("id", "username", "email",
				"created_at");
	}

	@Test
	void usernamesMayRepeat() {
		Fixtures.user(this.api, "ada", "ada1@example.com");

		assertThat(this.api.post("/users", Json.object("username", "ada", "email", "ada2@example.com")).status())
			.isEqualTo(201);
	}

	@Test
	void unknownOrNonNumericUserIdIs404() {
		assertProblem(this.api.get("/users/999"), 404);
		assertProblem(this.api.get("/users/abc"), 404);
		assertProblem(this.api.put("/users/999", Json.object("username", "x")), 404);
	}

	@Test
	void updateChangesOnlyTheGivenFields() {
		long id = Fixtures.id(Fixtures.user(this.api, "ada", "ada@example.com"));

		Api.Response renamed = this.api.put("/users/" + id, Json.object("username", "ada2"));
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().get("username").stringValue()).isEqualTo("ada2");
		assertThat(renamed.json().get("email").stringValue()).isEqualTo("ada@example.com");

		Api.Response moved = this.api.put("/users/" + id, Json.object("email", "lovelace@example.com"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.json().get("username").stringValue()).isEqualTo("ada2");
		assertThat(moved.json().get("email").stringValue()).isEqualTo("lovelace@example.com");
		assertThat(this.api.get("/users/" + id).json().get("email").stringValue()).isEqualTo("lovelace@example.com");
	}

	@Test
	void updateMayChangeTheCaseOfTheUsersOwnEmail() {
		long id = Fixtures.id(Fixtures.user(this.api, "ada", "ada@example.com"));

		Api.Response response = this.api.put("/users/" + id, Json.object("email", "Ada@Example.com"));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("email").stringValue()).isEqualTo("Ada@Example.com");
	}

	@Test
	void emailTakenIs409IgnoringCase() {
		Fixtures.user(this.api, "ada", "ada@example.com");
		long bob = Fixtures.id(Fixtures.user(this.api, "bob", "bob@example.com"));

		assertProblem(this.api.post("/users", Json.object("username", "eve", "email", "ada@example.com")), 409);
		assertProblem(this.api.post("/users", Json.object("username", "eve", "email", "ADA@example.COM")), 409);
		assertProblem(this.api.put("/users/" + bob, Json.object("email", "Ada@Example.com")), 409);
		assertThat(this.api.get("/users/" + bob).json().get("email").stringValue()).isEqualTo("bob@example.com");
		assertThat(this.api.get("/users").header("X-Total-Count")).isEqualTo("2");
	}

	@Test
	void deleteReturns204AlsoForAnUnknownUser() {
		long id = Fixtures.id(Fixtures.user(this.api));

		assertThat(this.api.delete("/users/" + id).status()).isEqualTo(204);
		assertProblem(this.api.get("/users/" + id), 404);
		assertThat(this.api.delete("/users/" + id).status()).isEqualTo(204);
		assertThat(this.api.delete("/users/424242").status()).isEqualTo(204);
	}

	@Test
	void deletingAUserKeepsItsLinksAndItsIdInTheirEvents() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		long urlId = Fixtures.id(Fixtures.url(this.api, userId, "https://example.com/kept"));

		assertThat(this.api.delete("/users/" + userId).status()).isEqualTo(204);

		Api.Response url = this.api.get("/urls/" + urlId);
		assertThat(url.status()).isEqualTo(200);
		assertThat(url.json().get("original_url").stringValue()).isEqualTo("https://example.com/kept");
		JsonNode events = this.api.get("/events?url_id=" + urlId).json();
		assertThat(events.size()).isEqualTo(1);
		assertThat(events.get(0).get("user_id").longValue()).isEqualTo(userId);
		assertThat(this.api.get("/events?user_id=" + userId).header("X-Total-Count")).isEqualTo("1");
	}

}
