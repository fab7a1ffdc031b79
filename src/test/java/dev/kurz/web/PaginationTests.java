package dev.kurz.web;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kurz.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code page}/{@code per_page} on every list; without them a list answers every row. */
class PaginationTests extends HttpTest {

	private static final int USERS = 150;

	@BeforeEach
	void users() {
		String csv = IntStream.rangeClosed(1, USERS)
			.mapToObj((i) -> "u" + i + ",u" + i + "@example.com")
			.collect(Collectors.joining("\n", "username,email\n", "\n"));
		assertThat(this.api.upload("/users/bulk", "file", csv).status()).isEqualTo(201);
	}

	@Test
	void withoutParametersAListReturnsEveryRow() {
		Api.Response response = this.api.get("/users");

		assertThat(ids(response)).hasSize(USERS).isSorted();
		assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
	}

	@Test
	void pagesAreOneBasedWindowsInIdOrder() {
		Api.Response first = this.api.get("/users?page=1&per_page=10");
		Api.Response third = this.api.get("/users?page=3&per_page=10");

		assertThat(ids(first)).containsExactlyElementsOf(range(1, 10));
		assertThat(ids(third)).containsExactlyElementsOf(range(21, 30));
		assertThat(first.header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
		assertThat(third.header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
	}

	@Test
	void perPageDefaultsTo20() {
		assertThat(ids(this.api.get("/users?page=2"))).containsExactlyElementsOf(range(21, 40));
	}

	@Test
	void pageDefaultsTo1() {
		assertThat(ids(this.api.get("/users?per_page=5"))).containsExactlyElementsOf(range(1, 5));
	}

	@Test
	void perPageIsCappedAt100() {
		Api.Response first = this.api.get("/users?page=1&per_page=500");
		Api.Response second = this.api.get("/users?page=2&per_page=500");

		assertThat(ids(first)).containsExactlyElementsOf(range(1, 100));
		assertThat(ids(second)).containsExactlyElementsOf(range(101, USERS));
		assertThat(first.header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
	}

	@Test
	void pageAfterTheLastIsEmpty() {
		Api.Response response = this.api.get("/users?page=99&per_page=20");

		assertThat(ids(response)).isEmpty();
		assertThat(response.body().strip()).isEqualTo("[]");
		assertThat(response.header("X-Total-Count")).isEqualTo(Integer.toString(USERS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "page=0", "page=-1", "page=abc", "per_page=0", "per_page=x", "page=1.5" })
	void badPageParametersAre422(String query) {
		String field = query.substring(0, query.indexOf('='));

		assertInvalid(this.api.get("/users?" + query), field);
	}

	@Test
	void urlAndEventListsPageAndCountToo() {
		String urls = IntStream.rangeClosed(1, 30)
			.mapToObj((i) -> i + ",1,pg" + i + "x,https://example.com/" + i)
			.collect(Collectors.joining("\n", "id,user_id,short_code,original_url\n", "\n"));
		assertThat(this.api.upload("/urls/bulk", "file", urls).status()).isEqualTo(201);
		String events = IntStream.rangeClosed(1, 30)
			.mapToObj((i) -> i + "," + i + ",share")
			.collect(Collectors.joining("\n", "id,url_id,event_type\n", "\n"));
		assertThat(this.api.upload("/events/bulk", "file", events).status()).isEqualTo(201);

		Api.Response urlPage = this.api.get("/urls?user_id=1&page=2&per_page=7");
		Api.Response eventPage = this.api.get("/events?event_type=share&page=5&per_page=7");

		assertThat(ids(urlPage)).containsExactlyElementsOf(range(8, 14));
		assertThat(urlPage.header("X-Total-Count")).isEqualTo("30");
		assertThat(ids(eventPage)).containsExactlyElementsOf(range(29, 30));
		assertThat(eventPage.header("X-Total-Count")).isEqualTo("30");
		assertThat(ids(this.api.get("/urls"))).hasSize(30);
		assertThat(ids(this.api.get("/events"))).hasSize(30);
	}

	private static List<Long> ids(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().valueStream().map((node) -> node.get("id").longValue()).toList();
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

}
