package dev.kurz.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files stay valid: the Compose file, both nginx renderings and every
 * shell script pass scripts/check-deploy.sh (docker-compose config, nginx -t,
 * shellcheck).
 */
class DeploymentChecksTests {

	@Test
	void composeNginxAndScriptsPassTheirChecks() throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "scripts/check-deploy.sh").directory(new File("."))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(output).doesNotContain("FAIL");
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("ok ");
	}

}
