package dev.kurz.ops;

import java.io.BufferedOutputStream;
import java.io.OutputStream;

import ch.qos.logback.core.OutputStreamAppender;

/**
 * Log lines to standard output, one {@code write} to the operating system per batch of lines
 * rather than per line. Logback's {@code ConsoleAppender} goes through {@code System.out}, whose
 * 128-byte buffer and auto-flush make a system call of every line: one per request for the access
 * log alone. This appender keeps lines in a buffer of its own and never flushes by itself; the
 * asynchronous appender in front of it (logstash-logback-encoder's disruptor appender) flushes it
 * at the end of every batch it hands over, so a line waits no longer than that batch. Lines go to
 * whatever {@code System.out} is at the time of the flush, so test output capture still sees them.
 */
public class BatchedStdoutAppender<E> extends OutputStreamAppender<E> {

	private int bufferSize = 64 * 1024;

	/** Bytes kept before a write is forced even within a batch; lines are never split. */
	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	@Override
	public void start() {
		setImmediateFlush(false);
		setOutputStream(new BufferedOutputStream(new CurrentStdout(), this.bufferSize));
		super.start();
	}

	/** Forwards to the current {@code System.out}; closing it only flushes (stdout stays open). */
	private static final class CurrentStdout extends OutputStream {

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

		@Override
		public void close() {
			flush();
		}

	}

}
