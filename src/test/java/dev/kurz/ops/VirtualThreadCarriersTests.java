package dev.kurz.ops;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadCarriersTests {

	@Test
	void fourCarriersPerProcessorAndAtLeastEight() {
		assertThat(VirtualThreadCarriers.configure(new Properties(), 1)).isEqualTo("8");
		assertThat(VirtualThreadCarriers.configure(new Properties(), 2)).isEqualTo("8");
		assertThat(VirtualThreadCarriers.configure(new Properties(), 3)).isEqualTo("12");
		assertThat(VirtualThreadCarriers.configure(new Properties(), 16)).isEqualTo("64");
	}

	@Test
	void anOperatorsSettingIsKept() {
		Properties properties = new Properties();
		properties.setProperty("jdk.virtualThreadScheduler.parallelism", "3");
		assertThat(VirtualThreadCarriers.configure(properties, 2)).isEqualTo("3");
		assertThat(properties.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("3");
	}

}
