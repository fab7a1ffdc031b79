package dev.kurz.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.encoder.EchoEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedStdoutAppenderTests {

	private final PrintStream original = System.out;

	/** What reached stdout, one element per write; the echo encoder writes an event's text and a line separator. */
	private final List<String> writes = new ArrayList<>();

	private boolean stdoutClosed;

	private final ContextBase context = new ContextBase();

	private final BatchedStdoutAppender<String> appender = new BatchedStdoutAppender<>();

	@BeforeEach
	void recordWritesToStdout() {
		System.setOut(new PrintStream(new ByteArrayOutputStream(), true) {

			@Override
			public void write(byte[] bytes, int offset, int length) {
				BatchedStdoutAppenderTests.this.writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
			}

			@Override
			public void close() {
				BatchedStdoutAppenderTests.this.stdoutClosed = true;
			}

		});
		EchoEncoder<String> encoder = new EchoEncoder<>();
		encoder.setContext(this.context);
		encoder.start();
		this.appender.setContext(this.context);
		this.appender.setEncoder(encoder);
	}

	@AfterEach
	void restoreStdout() {
		System.setOut(this.original);
	}

	@Test
	void linesReachStdoutInOneWriteWhenTheBatchIsFlushed() throws Exception {
		this.appender.start();
		for (int i = 1; i <= 3; i++) {
			this.appender.doAppend("line " + i);
		}
		assertThat(this.writes).isEmpty();
		this.appender.getOutputStream().flush();
		assertThat(this.writes).hasSize(1);
		assertThat(this.writes.get(0)).contains("line 1", "line 2", "line 3");
	}

	@Test
	void aFullBufferIsWrittenOutWithoutSplittingALine() {
		this.appender.setBufferSize(64);
		this.appender.start();
		this.appender.doAppend("a".repeat(40));
		this.appender.doAppend("b".repeat(40));
		assertThat(this.writes).hasSize(1);
		assertThat(this.writes.get(0)).contains("a".repeat(40)).doesNotContain("b");
	}

	@Test
	void stoppingWritesWhatIsLeftAndLeavesStdoutOpen() {
		this.appender.start();
		this.appender.doAppend("last words");
		this.appender.stop();
		assertThat(String.join("", this.writes)).contains("last words");
		assertThat(this.stdoutClosed).isFalse();
		assertThat(System.out.checkError()).isFalse();
	}

}
