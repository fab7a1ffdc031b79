package dev.kurz;

import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KurzApplicationTests extends HttpTest {

	@Test
	void createdUserIsListed() {
		var created = this.api.post("/users", "{\"username\":\"ada\",\"email\":\"ada@example.com\"}");
		assertThat(created.status()).isEqualTo(201);
		var list = this.api.get("/users");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.header("X-Total-Count")).isEqualTo("1");
		assertThat(list.json().get(0).get("email").stringValue()).isEqualTo("ada@example.com");
	}

}
