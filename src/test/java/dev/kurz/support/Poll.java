package dev.kurz.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: races are awaited, never hidden behind a fixed sleep. */
public final class Poll {

	private Poll() {
	}

	/** Returns the time it took, or fails when {@code deadline} passes first. */
	public static Duration until(Duration deadline, BooleanSupplier condition) {
		long start = System.nanoTime();
		long end = start + deadline.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new AssertionError("condition not met within " + deadline.toMillis() + " ms");
			}
			Thread.onSpinWait();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** Returns the first non-null value that {@code probe} yields before {@code deadline}. */
	public static <T> T find(Duration deadline, java.util.function.Supplier<T> probe) {
		Object[] found = new Object[1];
		until(deadline, () -> (found[0] = probe.get()) != null);
		@SuppressWarnings("unchecked")
		T value = (T) found[0];
		return value;
	}

}
