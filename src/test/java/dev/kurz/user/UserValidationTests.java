package dev.kurz.user;

import java.util.List;

import dev.kurz.support.Json;
import dev.kurz.web.JsonStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

/**
 * The 422 rows for users: missing, wrongly typed or bad fields. A refused request never
 * reaches the user service, so nothing is stored or changed.
 */
@WebMvcTest(UserController.class)
@Import(JsonStream.class)
class UserValidationTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@Test
	void missingFieldsAre422NamingEachField() {
		JsonNode body = assertInvalid(post("/users", "{}"), "username");
		assertThat(body.get("fields").has("email")).isTrue();
		assertInvalid(post("/users", Json.object("username", "ada")), "email");
		assertInvalid(post("/users", Json.object("email", "ada@example.com")), "username");
		then(this.users).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "123", "true", "[]", "null", "{}", "1.5" })
	void usernameOfAnotherJsonTypeIs422NeverCoerced(String value) {
		assertInvalid(post("/users", "{\"username\": " + value + ", \"email\": \"ada@example.com\"}"), "username");
		then(this.users).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "123", "true", "[]", "null" })
	void updateWithAFieldOfAnotherJsonTypeIs422(String value) {
		assertInvalid(put("/users/7", "{\"username\": " + value + "}"), "username");
		assertInvalid(put("/users/7", "{\"email\": " + value + "}"), "email");
		then(this.users).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-email", "ada@", "@example.com", "ada@example", "ada @example.com",
			"ada@@example.com", "" })
	void badEmailIs422(String email) {
		assertInvalid(post("/users", Json.object("username", "ada", "email", email)), "email");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void nulCharacterInUsernameOrEmailIs422NotAConflict() {
		assertInvalid(post("/users", Json.object("username", "a\0b", "email", "nul@example.com")), "username");
		assertInvalid(post("/users", Json.object("username", "nul", "email", "n\0l@example.com")), "email");
		assertInvalid(put("/users/7", Json.object("username", "\0")), "username");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void blankOrOverlongUsernameIs422() {
		assertInvalid(post("/users", Json.object("username", "   ", "email", "a@example.com")), "username");
		assertInvalid(post("/users", Json.object("username", "x".repeat(101), "email", "a@example.com")), "username");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void bodyThatIsNotAnObjectIs422() {
		for (String body : List.of("[]", "\"ada\"", "42", "null")) {
			assertProblem(post("/users", body), 422);
		}
		then(this.users).shouldHaveNoInteractions();
	}

	private MvcTestResult post(String path, String json) {
		return this.mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private MvcTestResult put(String path, String json) {
		return this.mvc.put().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

}
