package dev.kurz.link;

import dev.kurz.support.Api;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class UrlBatchTests extends HttpTest {

	@Test
	void batchCreatesTheGoodItemsAndReportsTheBadOnesInOrder() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		String code = Fixtures.uniqueCode();
		String body = """
				[{"user_id": %d, "original_url": "https://example.com/a", "short_code": "%s"},
				 {"user_id": %d, "original_url": "not a url"},
				 {"user_id": %d, "original_url": "https://example.com/b", "short_code": "%s"},
				 {"user_id": 999999, "original_url": "https://example.com/c"},
				 42]""".formatted(userId, code, userId, userId, code);

		Api.Response response = this.api.post("/urls/batch", body);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode answer = response.json();
		assertThat(answer.get("created").intValue()).isEqualTo(1);
		assertThat(answer.get("failed").intValue()).isEqualTo(4);
		JsonNode results = answer.get("results");
		assertThat(results).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(results.get(i).get("index").intValue()).isEqualTo(i);
		}
		assertThat(results.get(0).get("status").intValue()).isEqualTo(201);
		assertThat(results.get(0).get("url").get("short_code").stringValue()).isEqualTo(code);
		assertThat(results.get(1).get("status").intValue()).isEqualTo(422);
		assertThat(results.get(1).get("fields").has("original_url")).isTrue();
		assertThat(results.get(2).get("status").intValue()).isEqualTo(409);
		assertThat(results.get(3).get("status").intValue()).isEqualTo(404);
		assertThat(results.get(4).get("status").intValue()).isEqualTo(422);
		assertThat(results.get(4).has("url")).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM urls", Long.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM events WHERE event_type = 'created'", Long.class))
			.isEqualTo(1);
	}

	@Test
	void batchOfMoreThanAThousandItemsIs413AndCreatesNothing() {
		long userId = Fixtures.id(Fixtures.user(this.api));
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i <= LinkBatch.MAX_ITEMS; i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"user_id\":")
				.append(userId)
				.append(",\"original_url\":\"https://example.com/")
				.append(i)
				.append("\"}");
		}
		body.append(']');

		Api.Response response = this.api.post("/urls/batch", body.toString());

		assertProblem(response, 413);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM urls", Long.class)).isZero();
	}

	@Test
	void batchThatIsNotAnArrayIs400() {
		assertProblem(this.api.post("/urls/batch", "{\"original_url\": \"https://example.com\"}"), 400);
	}

	@Test
	void writeCostIsOnePerTenItemsRoundedUp() {
		assertThat(LinkBatch.writeCost(0)).isEqualTo(1);
		assertThat(LinkBatch.writeCost(1)).isEqualTo(1);
		assertThat(LinkBatch.writeCost(10)).isEqualTo(1);
		assertThat(LinkBatch.writeCost(11)).isEqualTo(2);
		assertThat(LinkBatch.writeCost(1000)).isEqualTo(100);
	}

}
