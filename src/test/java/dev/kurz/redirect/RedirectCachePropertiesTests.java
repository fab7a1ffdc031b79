package dev.kurz.redirect;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void shareBeyondNinetyPercentOrBelowZeroIsRefusedAtStart() {
		assertThatThrownBy(() -> properties(null, 91)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("local-max-heap-percent must be 0 to 90, not 91");
		assertThatThrownBy(() -> properties(null, -1)).isInstanceOf(IllegalArgumentException.class);
		assertThat(properties(null, 90).localMaxBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 100 * 90);
	}

	private static RedirectCacheProperties properties(DataSize localMaxMemory, int heapPercent) {
		return new RedirectCacheProperties(Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(60),
				Duration.ofSeconds(5), localMaxMemory, heapPercent, 3, Duration.ofSeconds(5));
	}

}
