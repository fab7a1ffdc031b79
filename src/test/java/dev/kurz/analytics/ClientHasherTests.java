package dev.kurz.analytics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientHasherTests {

	private static ClientHasher hasher(String key) {
		return new ClientHasher(new ClickProperties(10, 1, key, 10, 0, 1, 10_000, 500_000,
				ClickProperties.Durability.COMMIT, Duration.ofMillis(50), Duration.ofMillis(2)));
	}

	@Test
	void oneKeyHashesAnAddressAlikeOnEveryCallThreadAndReplica() throws Exception {
		ClientHasher replica = hasher("shared-key");
		String first = replica.hash("203.0.113.7");
		assertThat(first).hasSize(32).isEqualTo(replica.hash("203.0.113.7"));
		assertThat(replica.hash("203.0.113.8")).isNotEqualTo(first);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			CompletableFuture<String> elsewhere = CompletableFuture.supplyAsync(() -> replica.hash("203.0.113.7"),
					pool);
			assertThat(elsewhere.get()).isEqualTo(first);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(hasher("shared-key").hash("203.0.113.7")).isEqualTo(first);
		assertThat(hasher("another-key").hash("203.0.113.7")).isNotEqualTo(first);
	}

	@Test
	void everyAddressHashesToThirtyTwoHexDigits() {
		ClientHasher replica = hasher("shared-key");
		assertThat(replica.hash("2001:db8::ff00:42:8329")).hasSize(32)
			.isNotEqualTo(replica.hash("2001:db8::ff00:42:8328"));
		assertThat(replica.hash("ünïcödé-адрес")).hasSize(32).matches("[0-9a-f]{32}");
	}

}
