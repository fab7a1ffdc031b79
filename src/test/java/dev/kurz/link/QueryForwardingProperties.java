package dev.kurz.link;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated targets and raw query strings (names that collide, stray {@code %},
 * reserved characters, non-ASCII): the merge is a valid URI that keeps the target's
 * parameters first and unchanged and adds every other parameter with its meaning intact.
 */
class QueryForwardingProperties {

	private static final String[] NAMES = { "a", "b", "utm_source", "utm%5Fsource", "q", "é", "%C3%A9", "x+y", "" };

	private static final String[] PIECES = { "1", "x", "%", "%2", "%41", "%zz", "+", " ", "#", "=", "?", "/", "[", "]",
			"\"", "<", "|", "é", "中", "😀", "\uD800", "~", "!", "'", "%E2%82%AC" };

	@Property(tries = 2000)
	void theMergeIsAValidUriWithTheTargetsParametersFirst(@ForAll long seed) {
		Random random = new Random(seed);
		String targetQuery = random.nextBoolean() ? null : query(random, true);
		String fragment = random.nextInt(3) == 0 ? "#frag" : "";
		String beforeFragment = "https://example.com/path" + ((targetQuery != null) ? "?" + targetQuery : "");
		String target = beforeFragment + fragment;
		String raw = random.nextInt(10) == 0 ? null : query(random, false);

		String merged = QueryForwarding.merge(target, raw);

		assertThat(merged).matches("[\\x21-\\x7e]+");
		assertThat(merged.replaceAll("%[0-9A-Fa-f]{2}", "")).doesNotContain("%");
		assertThat(URI.create(merged).getRawFragment()).isEqualTo(fragment.isEmpty() ? null : "frag");
		assertThat(merged).startsWith(beforeFragment).endsWith(fragment);

		Set<String> targetNames = new HashSet<>();
		List<String> expected = new ArrayList<>();
		for (String parameter : parameters(targetQuery)) {
			targetNames.add(QueryForwarding.name(parameter));
			expected.add(QueryForwarding.decode(parameter));
		}
		for (String parameter : parameters(raw)) {
			if (!targetNames.contains(QueryForwarding.name(parameter))) {
				expected.add(QueryForwarding.decode(parameter));
			}
		}
		String mergedQuery = URI.create(merged).getRawQuery();
		List<String> actual = parameters(mergedQuery).stream().map(QueryForwarding::decode).toList();
		assertThat(actual).as("parameters of %s from %s and %s", merged, target, raw).isEqualTo(expected);
	}

	private static List<String> parameters(String query) {
		List<String> parameters = new ArrayList<>();
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (!parameter.isEmpty()) {
					parameters.add(parameter);
				}
			}
		}
		return parameters;
	}

	/** A target's query is in URI form already; a received one may hold anything. */
	private static String query(Random random, boolean uriForm) {
		StringBuilder query = new StringBuilder();
		int count = random.nextInt(5);
		for (int i = 0; i < count; i++) {
			if (i > 0 || random.nextInt(8) == 0) {
				query.append('&');
			}
			query.append(NAMES[random.nextInt(NAMES.length)]);
			if (random.nextInt(4) > 0) {
				query.append('=');
				int pieces = random.nextInt(4);
				for (int p = 0; p < pieces; p++) {
					query.append(PIECES[random.nextInt(PIECES.length)]);
				}
			}
		}
		String text = query.toString();
		if (!uriForm) {
			return text;
		}
		String location = TargetUrl
			.location("https://example.com/path?" + text.replace("#", "%23").replace("[", "%5B").replace("]", "%5D"));
		return (location != null) ? location.substring("https://example.com/path?".length()) : null;
	}

}
