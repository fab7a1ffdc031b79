package dev.kurz.ops;

import java.util.Properties;

/**
 * How many carrier threads run the virtual threads that serve requests. The JDK's default
 * is one per processor the JVM sees: two on a two-core machine, one in a container
 * limited to one CPU (docker-compose.yml). A carrier is an ordinary thread to the
 * operating system; when it is descheduled (the replica's CPU quota is spent, or other
 * processes want the cores) the request it was running, and those queued behind it, wait
 * for it, while each of Tomcat's platform threads would have held up only its own
 * request. Kurz starts four carriers per processor, at least eight, which keeps the tail
 * at 256 connections short at the same throughput (BOTTLENECK_REPORT.md). A value set
 * with {@code -Djdk.virtualThreadScheduler.parallelism} is left as it is.
 */
public final class VirtualThreadCarriers {

	static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

	static final int PER_PROCESSOR = 4;

	static final int AT_LEAST = 8;

	private VirtualThreadCarriers() {
	}

	/**
	 * Call before the first virtual thread starts: the JDK reads the setting once, then.
	 */
	public static void configure() {
		configure(System.getProperties(), Runtime.getRuntime().availableProcessors());
	}

	/** Sets the carriers unless already set; returns the setting in effect. */
	static String configure(Properties properties, int processors) {
		if (properties.getProperty(PARALLELISM) == null) {
			properties.setProperty(PARALLELISM, Integer.toString(Math.max(AT_LEAST, PER_PROCESSOR * processors)));
		}
		return properties.getProperty(PARALLELISM);
	}

}
