package dev.kurz.link;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that need configuration, outside a request: the public base URL names Kurz's
 * own host.
 */
class TargetRulesTests {

	private final TargetRules rules = new TargetRules(new LinkProperties(false, List.of(), false),
			new PublicBaseUrl("https://Kurz.example/"));

	@ParameterizedTest
	@ValueSource(strings = { "https://kurz.example/abc", "http://KURZ.example:8443/x", "https://kurz.example./" })
	void targetsOnThePublicHostAreRefused(String url) {
		assertThat(this.rules.problemWith(url)).isEqualTo("must not point at this service's own host");
	}

	@Test
	void otherHostsOnTheSameDomainAreAccepted() {
		assertThat(this.rules.problemWith("https://docs.kurz.example/")).isNull();
	}

	@Test
	void privateTargetsAreNamedAsSuch() {
		assertThat(this.rules.problemWith("http://169.254.169.254/"))
			.isEqualTo("must not point at a private or local network address");
	}

}
