package dev.kurz.link;

import java.util.Random;

import dev.kurz.link.TargetUrl.InvalidTargetException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated Unicode URLs: every accepted one has an ASCII form naming the same
 * resource.
 */
class TargetUrlProperties {

	@Property(tries = 2000)
	void anAcceptedTargetHasAnAsciiLocationNamingTheSameResource(@ForAll long seed) {
		String url = TargetUrls.generate(new Random(seed));
		TargetUrl target;
		try {
			target = TargetUrl.parse(url);
		}
		catch (InvalidTargetException ex) {
			assertThat(ex.getMessage()).as("reason for refusing %s", url).isNotBlank();
			return;
		}
		TargetUrls.assertSameResource(url, target.location());
		assertThat(TargetUrl.location(target.location())).isEqualTo(target.location());
	}

	@Property(tries = 500)
	void aStoredTargetEitherHasAnAsciiLocationOrNone(@ForAll long seed) {
		String url = TargetUrls.generate(new Random(seed));
		String location = TargetUrl.location(url);
		if (location != null) {
			assertThat(location).matches("[\\x21-\\x7e]+");
		}
	}

}
