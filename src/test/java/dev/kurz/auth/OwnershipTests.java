package dev.kurz.auth;

import java.util.List;

import dev.kurz.support.Api;
import dev.kurz.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user key reads and changes its own rows only; another user's rows answer exactly as
 * rows that do not exist, so ids cannot be probed.
 */
class OwnershipTests extends KeysModeTest {

	private static final long UNKNOWN = 999_999;

	private Account ada;

	private Account bob;

	private long adaLink;

	private long bobLink;

	@BeforeEach
	void twoUsersWithALinkEach() {
		this.ada = signUp("ada");
		this.bob = signUp("bob");
		this.adaLink = shorten(this.ada.api(), "https://example.com/ada", "adalink");
		this.bobLink = shorten(this.bob.api(), "https://example.com/bob", "boblink");
	}

	private static long shorten(Api api, String url, String code) {
		Api.Response response = api.post("/shorten", Json.object("url", url, "short_code", code));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").longValue();
	}

	@Test
	void aLinkMadeWithAUserKeyBelongsToThatUser() {
		assertThat(this.admin.get("/urls/" + this.adaLink).json().get("user_id").longValue()).isEqualTo(this.ada.id());
		Api.Response viaUrls = this.ada.api()
			.post("/urls", Json.object("user_id", this.ada.id(), "original_url", "https://example.com/ada/2"));
		assertThat(viaUrls.status()).isEqualTo(201);
		Api.Response withoutUserId = this.ada.api()
			.post("/urls", Json.object("original_url", "https://example.com/ada/3"));
		assertThat(withoutUserId.status()).isEqualTo(201);
		assertThat(withoutUserId.json().get("user_id").longValue()).isEqualTo(this.ada.id());
		// An admin acts for no user of its own: it names the owner, as in the open mode.
		assertThat(this.admin.post("/urls", Json.object("original_url", "https://example.com/x")).status())
			.isEqualTo(422);
	}

	@Test
	void namingAnotherUserWhenCreatingALinkIs404() {
		for (String path : List.of("/urls", "/shorten")) {
			Api.Response response = this.ada.api()
				.post(path, Json.object("user_id", this.bob.id(), "original_url", "https://example.com/x", "url",
						"https://example.com/x"));
			assertThat(response.status()).as(path).isEqualTo(404);
		}
		assertThat(this.admin
			.post("/urls", Json.object("user_id", this.bob.id(), "original_url", "https://example.com/by-admin"))
			.status()).isEqualTo(201);
	}

	@Test
	void anotherUsersLinkAnswersExactlyAsAnUnknownId() {
		for (String suffix : List.of("", "/stats")) {
			assertSameAsUnknown(this.ada.api().get("/urls/" + this.bobLink + suffix),
					this.ada.api().get("/urls/" + UNKNOWN + suffix), this.bobLink);
		}
		assertSameAsUnknown(this.ada.api().put("/urls/" + this.bobLink, "{\"original_url\":\"https://evil.example/\"}"),
				this.ada.api().put("/urls/" + UNKNOWN, "{\"original_url\":\"https://evil.example/\"}"), this.bobLink);
		assertSameAsUnknown(this.ada.api().delete("/urls/" + this.bobLink), this.ada.api().delete("/urls/" + UNKNOWN),
				this.bobLink);
		Api.Response byCode = this.ada.api().get("/urls/code/boblink");
		Api.Response unknownCode = this.ada.api().get("/urls/code/nosuch1");
		assertThat(byCode.status()).isEqualTo(404);
		assertThat(strip(byCode).toString().replace("boblink", "X"))
			.isEqualTo(strip(unknownCode).toString().replace("nosuch1", "X"));

		// Nothing changed: bob's link still redirects where it did, and is still there.
		assertThat(this.api.get("/boblink").header("Location")).isEqualTo("https://example.com/bob");
		assertThat(this.bob.api().get("/urls/" + this.bobLink).status()).isEqualTo(200);
		assertThat(this.ada.api().get("/urls/" + this.adaLink).status()).isEqualTo(200);
		assertThat(this.ada.api().put("/urls/" + this.adaLink, "{\"title\":\"mine\"}").status()).isEqualTo(200);
		assertThat(this.ada.api().delete("/urls/" + this.adaLink).status()).isEqualTo(204);
		assertThat(this.ada.api().delete("/urls/" + this.adaLink).status()).as("idempotent on own links")
			.isEqualTo(204);
	}

	@Test
	void listsAreFilteredToTheCallersOwnRows() {
		JsonNode links = this.ada.api().get("/urls").json();
		assertThat(links.size()).isEqualTo(1);
		assertThat(links.get(0).get("id").longValue()).isEqualTo(this.adaLink);
		assertThat(this.ada.api().get("/urls").header("X-Total-Count")).isEqualTo("1");
		Api.Response otherUser = this.ada.api().get("/urls?user_id=" + this.bob.id());
		assertThat(otherUser.status()).isEqualTo(200);
		assertThat(otherUser.json().size()).isZero();
		assertThat(this.admin.get("/urls").json().size()).isEqualTo(2);

		JsonNode users = this.ada.api().get("/users").json();
		assertThat(users.size()).isEqualTo(1);
		assertThat(users.get(0).get("id").longValue()).isEqualTo(this.ada.id());
		assertThat(this.admin.get("/users").json().size()).isEqualTo(2);
	}

	@Test
	void anotherUserAnswers404ForReadUpdateAndDelete() {
		String path = "/users/" + this.bob.id();
		assertThat(this.ada.api().get(path).status()).isEqualTo(404);
		assertThat(this.ada.api().put(path, "{\"username\":\"mallory\"}").status()).isEqualTo(404);
		assertThat(this.ada.api().delete(path).status()).isEqualTo(404);
		assertThat(this.ada.api().get("/users/" + UNKNOWN).status()).isEqualTo(404);
		assertThat(this.ada.api().get(path + "/keys").status()).isEqualTo(404);
		assertThat(this.ada.api().post(path + "/keys", "").status()).isEqualTo(404);
		assertThat(this.bob.api().get(path).json().get("username").stringValue()).isEqualTo("bob");

		assertThat(this.ada.api().put("/users/" + this.ada.id(), "{\"username\":\"ada2\"}").status()).isEqualTo(200);
		assertThat(this.ada.api().get("/users/" + this.ada.id()).json().get("username").stringValue())
			.isEqualTo("ada2");
	}

	@Test
	void eventsAreThoseOfOwnLinksOnly() {
		JsonNode own = this.ada.api().get("/events").json();
		assertThat(own.size()).isEqualTo(1);
		assertThat(own.get(0).get("url_id").longValue()).isEqualTo(this.adaLink);
		assertThat(this.ada.api().get("/events?url_id=" + this.bobLink).json().size()).isZero();
		assertThat(this.admin.get("/events").json().size()).isEqualTo(2);

		long bobEvent = this.bob.api().get("/events").json().get(0).get("id").longValue();
		long adaEvent = own.get(0).get("id").longValue();
		assertThat(this.ada.api().get("/events/" + bobEvent).status()).isEqualTo(404);
		assertThat(this.ada.api().get("/events/" + adaEvent).status()).isEqualTo(200);

		Api.Response onOthersLink = this.ada.api()
			.post("/events", Json.object("url_id", this.bobLink, "event_type", "share"));
		assertThat(onOthersLink.status()).isEqualTo(404);
		Api.Response forOtherUser = this.ada.api()
			.post("/events", Json.object("url_id", this.adaLink, "event_type", "share", "user_id", this.bob.id()));
		assertThat(forOtherUser.status()).isEqualTo(404);
		assertThat(this.ada.api().post("/events", Json.object("url_id", this.adaLink, "event_type", "share")).status())
			.isEqualTo(201);
	}

	@Test
	void auditEventsNameWhoActed() {
		this.ada.api().put("/urls/" + this.adaLink, "{\"title\":\"by ada\"}");
		this.admin.put("/urls/" + this.adaLink, "{\"title\":\"by admin\"}");
		JsonNode events = this.admin.get("/events?url_id=" + this.adaLink).json();
		assertThat(events.size()).isEqualTo(3);
		assertThat(events.get(0).get("details").get("actor").stringValue()).isEqualTo("user:" + this.ada.id());
		assertThat(events.get(1).get("details").get("actor").stringValue()).isEqualTo("user:" + this.ada.id());
		assertThat(events.get(2).get("details").get("actor").stringValue()).isEqualTo("admin");
	}

	/**
	 * The 404 of {@code response} with its id and request id taken out, against the
	 * unknown id's.
	 */
	private static void assertSameAsUnknown(Api.Response response, Api.Response unknown, long id) {
		assertThat(response.status()).isEqualTo(404);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
		assertThat(strip(response).toString().replace(Long.toString(id), "X"))
			.isEqualTo(strip(unknown).toString().replace(Long.toString(UNKNOWN), "X"));
	}

	private static JsonNode strip(Api.Response response) {
		ObjectNode body = (ObjectNode) response.json();
		body.remove("request_id");
		return body;
	}

}
