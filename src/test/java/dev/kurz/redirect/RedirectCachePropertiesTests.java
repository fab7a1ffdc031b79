package dev.kurz.redirect;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectCachePropertiesTests {

	@Test
	void unsetBoundIsTheShareOfTheMaximumHeap() {
		long heap = Runtime.getRuntime().maxMemory();

		assertThat(properties(null, 40).localMaxBytes()).isEqualTo(heap / 100 * 40);
		assertThat(properties(null, 10).localMaxBytes()).isEqualTo(heap / 100 * 10);
	}

	@Test
	void setBoundWinsOverTheShareAndZeroTurnsTheCacheOff() {
		assertThat(properties(DataSize.ofMegabytes(32), 40).localMaxBytes()).isEqualTo(32L << 20);
		assertThat(properties(DataSize.ofBytes(0), 40).localMaxBytes()).isZero();
	}

	private static RedirectCacheProperties properties(DataSize localMaxMemory, int heapPercent) {
		return new RedirectCacheProperties(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(60),
				Duration.ofSeconds(5), localMaxMemory, heapPercent, 3, Duration.ofSeconds(5));
	}

}
