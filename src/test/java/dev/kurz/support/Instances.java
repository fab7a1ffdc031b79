package dev.kurz.support;

import java.util.ArrayList;
import java.util.List;

import dev.kurz.KurzApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts extra, independent instances of the whole service (a "replica") on random ports,
 * with the test configuration plus the given properties. Each must be closed by the test.
 */
public final class Instances {

	private Instances() {
	}

	public static Instance start(String... properties) {
		// As command-line arguments: they win over the test configuration files.
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KurzApplication.class)
			.run(args.toArray(String[]::new));
		return new Instance(context);
	}

	/** One running replica. */
	public record Instance(ConfigurableApplicationContext context) implements AutoCloseable {

		public int port() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		public Api api() {
			return new Api("http://127.0.0.1:" + port());
		}

		public <T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
