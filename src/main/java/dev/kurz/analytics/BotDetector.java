package dev.kurz.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells crawlers from people by their user agent, with the patterns of the
 * crawler-user-agents list ({@value #LIST}, replaced whole to update it). The patterns
 * are compiled once into one case-sensitive alternation, as the list's own
 * {@code is_crawler} matches them. A request without a user agent is a bot: browsers
 * always send one.
 * <p>
 * One match tries every pattern at every position of the agent, tens of microseconds for
 * a browser's agent. The click writer asks, off the request path, and the answers for the
 * agents seen most recently are kept: a link's traffic comes from few distinct agents.
 */
@Component
class BotDetector {

	static final String LIST = "bots/crawler-user-agents.json";

	/** Distinct agents whose answer is kept; a few hundred bytes each. */
	private static final int KNOWN_AGENTS = 10_000;

	private static final String OPERATORS = "[](){}.*+?^$|";

	/** Patterns that are plain text: looked up by their first two characters. */
	private final Map<String, List<String>> texts;

	/** The other patterns, in one alternation. */
	private final Pattern patterns;

	private final LoadingCache<String, Boolean> known;

	BotDetector() {
		this(new ClassPathResource(LIST));
	}

	BotDetector(Resource list) {
		Map<String, List<String>> texts = new HashMap<>();
		List<String> patterns = new ArrayList<>();
		for (Crawler crawler : crawlers(list)) {
			String text = plainText(crawler.pattern());
			if (text != null && text.length() >= 2) {
				texts.computeIfAbsent(text.substring(0, 2), (start) -> new ArrayList<>()).add(text);
			}
			else {
				patterns.add("(?:" + crawler.pattern() + ")");
			}
		}
		this.texts = Map.copyOf(texts);
		this.patterns = Pattern.compile(String.join("|", patterns));
		this.known = Caffeine.newBuilder().maximumSize(KNOWN_AGENTS).build(this::matches);
	}

	boolean isBot(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return true;
		}
		return this.known.get(userAgent);
	}

	private boolean matches(String agent) {
		for (int i = 0; i + 2 <= agent.length(); i++) {
			List<String> candidates = this.texts.get(agent.substring(i, i + 2));
			if (candidates != null) {
				for (String text : candidates) {
					if (agent.startsWith(text, i)) {
						return true;
					}
				}
			}
		}
		return this.patterns.matcher(agent).find();
	}

	/**
	 * The text a pattern matches when it has no regular expression operator, only escaped
	 * punctuation ({@code Googlebot\/}); null otherwise.
	 */
	static String plainText(String pattern) {
		StringBuilder text = new StringBuilder(pattern.length());
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				if (i + 1 == pattern.length() || Character.isLetterOrDigit(pattern.charAt(i + 1))) {
					return null;
				}
				text.append(pattern.charAt(++i));
			}
			else if (OPERATORS.indexOf(c) >= 0) {
				return null;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	/** The list's entries, in its order. */
	static List<Crawler> crawlers(Resource list) {
		try (InputStream in = list.getInputStream()) {
			return List.of(JsonMapper.shared().readValue(in, Crawler[].class));
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException("Cannot read the crawler list " + list, ex);
		}
	}

	/** One entry of the list: its pattern and sample agents; other fields are ignored. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Crawler(String pattern, List<String> instances) {
	}

}
