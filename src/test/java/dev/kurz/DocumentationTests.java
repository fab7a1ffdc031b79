package dev.kurz;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator documents are part of the product: they must exist, README must give the
 * commands that CI really runs, and no relative link in them may point at nothing. Tests
 * run with the repository root as working directory.
 */
class DocumentationTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final List<String> REQUIRED = List.of("README.md", "RUNBOOK.md", "DECISIONS.md", "FAILURE_MODES.md",
			"SLO.md", "BOTTLENECK_REPORT.md");

	/** Checked for broken links when present. */
	private static final List<String> OPTIONAL = List.of("bench/README.md");

	private static final String RUN_COMMAND = "./mvnw spring-boot:run";

	/**
	 * {@code [text](target)} and {@code ![alt](target)}; the target ends at whitespace or
	 * ')'.
	 */
	private static final Pattern INLINE_LINK = Pattern
		.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	/** {@code [label]: target} on a line of its own. */
	private static final Pattern REFERENCE_LINK = Pattern
		.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+\".*\")?\\s*$");

	private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^\\s*(```|~~~).*?^\\s*\\1\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

	@Test
	void everyOperatorDocumentExistsAtTheRepositoryRoot() {
		List<String> missing = REQUIRED.stream().filter((name) -> !Files.isRegularFile(ROOT.resolve(name))).toList();

		assertThat(missing).as("documents missing at %s", ROOT).isEmpty();
	}

	@Test
	void readmeGivesTheTestCommandThatCiRunsAndTheRunCommand() throws IOException {
		String testCommand = lastCommandOf(ROOT.resolve(".ci/run"));
		Path readmeFile = ROOT.resolve("README.md");
		assertThat(readmeFile).as("README.md at the repository root").isRegularFile();
		String readme = Files.readString(readmeFile);

		assertThat(testCommand).isEqualTo("./mvnw -B verify");
		assertThat(readme).as("README.md holds the test command of .ci/run").contains(testCommand);
		assertThat(readme).as("README.md holds the run command").contains(RUN_COMMAND);
	}

	@Test
	void relativeLinksInTheDocumentsPointAtFilesThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		for (String name : documents()) {
			Path document = ROOT.resolve(name);
			for (String target : relativeLinks(Files.readString(document))) {
				Path resolved = document.getParent().resolve(target).normalize();
				if (!Files.exists(resolved)) {
					broken.add(name + " -> " + target);
				}
			}
		}

		assertThat(broken).as("relative links that point at nothing").isEmpty();
	}

	@Test
	void linkCheckerSeesRelativeLinksOnlyAndIgnoresCode() {
		String markdown = """
				See [the runbook](RUNBOOK.md#restart), ![diagram](docs/a%20b.png "title") and [ref].
				[ref]: scripts/cluster.sh
				Elsewhere: [site](https://example.com), [mail](mailto:ops@example.com), [top](#top).
				`[not a link](nowhere.md)`
				```
				[also not](nowhere-either.md)
				```
				""";

		assertThat(relativeLinks(markdown)).containsExactly("RUNBOOK.md", "docs/a b.png", "scripts/cluster.sh");
	}

	private static List<String> documents() {
		List<String> documents = new ArrayList<>(REQUIRED);
		documents.addAll(OPTIONAL);
		return documents.stream().filter((name) -> Files.isRegularFile(ROOT.resolve(name))).toList();
	}

	/**
	 * Link targets that name a file in the repository, without their {@code #fragment}.
	 */
	static List<String> relativeLinks(String markdown) {
		String text = CODE_SPAN.matcher(FENCED_BLOCK.matcher(markdown).replaceAll("")).replaceAll("");
		List<String> targets = new ArrayList<>();
		for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				String target = matcher.group(1);
				int hash = target.indexOf('#');
				String path = (hash >= 0) ? target.substring(0, hash) : target;
				if (path.isEmpty() || target.matches("(?i)^(https?|mailto):.*")) {
					continue;
				}
				targets.add(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		return targets;
	}

	/** The last line of a shell script that is neither blank nor a comment. */
	private static String lastCommandOf(Path script) throws IOException {
		List<String> commands = Files.readAllLines(script)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(commands).as("commands in %s", script).isNotEmpty();
		return commands.get(commands.size() - 1);
	}

}
