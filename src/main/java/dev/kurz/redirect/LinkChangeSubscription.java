package dev.kurz.redirect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Every replica listens for the link changes that the others publish. The subscription is made
 * after start-up and retried in the background: a replica starts and serves without Redis.
 */
@Configuration(proxyBeanMethods = false)
class LinkChangeSubscription {

	private static final Logger log = LoggerFactory.getLogger(LinkChangeSubscription.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	@Bean
	RedisMessageListenerContainer linkChangeListener(RedisConnectionFactory connectionFactory,
			LinkCacheInvalidation invalidation) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setAutoStartup(false);
		// Once subscribed, a lost connection is re-established every second.
		container.setRecoveryBackoff(new FixedBackOff(RETRY.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
		container.addMessageListener(
				(message, pattern) -> invalidation.onMessage(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(RedisLinkCache.CHANNEL));
		return container;
	}

	@EventListener(ApplicationReadyEvent.class)
	void subscribe(ApplicationReadyEvent event) {
		RedisMessageListenerContainer container = event.getApplicationContext()
			.getBean("linkChangeListener", RedisMessageListenerContainer.class);
		Thread subscriber = new Thread(() -> {
			boolean warned = false;
			while (!container.isRunning() && event.getApplicationContext().isActive()) {
				try {
					container.start();
				}
				catch (RuntimeException ex) {
					if (!warned) {
						log.warn("Cannot subscribe to link changes yet (Redis unavailable); retrying every {} s",
								RETRY.toSeconds());
						warned = true;
					}
					try {
						Thread.sleep(RETRY.toMillis());
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
		}, "link-change-subscriber");
		subscriber.setDaemon(true);
		subscriber.start();
	}

}
