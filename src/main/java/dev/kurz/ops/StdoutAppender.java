package dev.kurz.ops;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import ch.qos.logback.core.OutputStreamAppender;

/**
 * Standard output for the JSON lines, written a batch of lines at a time. Logback's
 * {@code ConsoleAppender} hands every line to {@code System.out}, which flushes each: one
 * {@code write(2)} per line. This appender buffers the lines and does not flush per line;
 * the asynchronous appender in front of it (logstash-logback-encoder's disruptor
 * appender) flushes it at the end of every batch of lines it takes from its ring. Under
 * load many lines then go out in one write; a lone line still goes out as soon as it is
 * taken. Closing flushes and leaves the process's standard output open.
 */
public class StdoutAppender<E> extends OutputStreamAppender<E> {

	private static final int BUFFER_BYTES = 64 * 1024;

	public StdoutAppender() {
		setImmediateFlush(false);
	}

	@Override
	public void start() {
		setOutputStream(new BufferedOutputStream(new SystemOut(), BUFFER_BYTES) {

			@Override
			public void close() throws IOException {
				flush();
			}

		});
		super.start();
	}

	/**
	 * {@code System.out} as it is at each write, so that a replaced stream (a test's
	 * output capture) receives the lines too.
	 */
	private static final class SystemOut extends OutputStream {

		@Override
		public void write(int b) {
			System.out.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			System.out.write(bytes, offset, length);
		}

		@Override
		public void flush() {
			System.out.flush();
		}

	}

}
