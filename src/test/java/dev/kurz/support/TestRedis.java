package dev.kurz.support;

import java.net.URI;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis that tests use ({@code TEST_REDIS_URL}, default the local server's database
 * 1).
 */
public final class TestRedis {

	private TestRedis() {
	}

	public static String url() {
		String url = System.getenv("TEST_REDIS_URL");
		return (url != null && !url.isBlank()) ? url : "redis://127.0.0.1:6379/1";
	}

	public static String host() {
		return URI.create(url()).getHost();
	}

	public static int port() {
		int port = URI.create(url()).getPort();
		return (port > 0) ? port : 6379;
	}

	/**
	 * A started connection factory for this Redis and database, as a replica's would be;
	 * destroy it after use.
	 */
	public static LettuceConnectionFactory connectionFactory() {
		URI redis = URI.create(url());
		RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(host(), port());
		standalone.setDatabase((redis.getPath() == null || redis.getPath().length() < 2) ? 0
				: Integer.parseInt(redis.getPath().substring(1)));
		LettuceConnectionFactory factory = new LettuceConnectionFactory(standalone);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** The same database, reached through {@code proxy}. */
	public static String urlVia(TcpProxy proxy) {
		URI uri = URI.create(url());
		return "redis://127.0.0.1:" + proxy.port() + ((uri.getPath() != null) ? uri.getPath() : "");
	}

}
