package dev.kurz.auth;

import dev.kurz.support.Api;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A link's QR code is read under the rules of the link itself. */
class QrAccessTests extends KeysModeTest {

	@Test
	void theOwnerAndAnAdminGetTheQrCodeAnotherUserAndNoKeyDoNot() {
		Account ada = signUp("ada");
		Account bob = signUp("bob");
		Api.Response link = ada.api().post("/shorten", Json.object("url", "https://example.com/ada"));
		assertThat(link.status()).as(link.body()).isEqualTo(201);
		String qr = "/urls/" + link.json().get("id").longValue() + "/qr";

		assertThat(ada.api().get(qr).status()).isEqualTo(200);
		assertThat(this.admin.get(qr + "?format=svg").status()).isEqualTo(200);
		Api.Response other = bob.api().get(qr);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.header("Content-Type")).contains("json");
		assertThat(other.header("ETag")).isNull();
		assertThat(this.api.get(qr).status()).isEqualTo(401);
	}

}
