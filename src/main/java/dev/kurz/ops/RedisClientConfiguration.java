package dev.kurz.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is optional for serving: a command issued while the connection is down fails at
 * once instead of queueing until its timeout, and Lettuce keeps reconnecting in the
 * background, at least once a second, so a recovered Redis is used again within about a
 * second.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
		return (builder) -> builder.clientOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
			.timeoutOptions(TimeoutOptions.enabled())
			.build());
	}

	/**
	 * Reconnect attempts back off to at most one second, not Lettuce's default of thirty.
	 */
	@Bean
	ClientResourcesBuilderCustomizer quickReconnect() {
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}
