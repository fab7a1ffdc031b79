package dev.kurz.redirect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Every replica listens for the link changes that the others publish. The subscription is
 * not made during start-up (a replica starts and serves without Redis); a check every
 * second makes it, and makes it again whenever it is found missing, for example after
 * Redis restarted. The check's finding tells the resolver whether its in-process entries
 * can be kept long.
 */
@Configuration(proxyBeanMethods = false)
class LinkChangeSubscription {

	private static final Logger log = LoggerFactory.getLogger(LinkChangeSubscription.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final AtomicBoolean warned = new AtomicBoolean();

	private final RedisMessageListenerContainer container;

	private final ShortUrlResolver resolver;

	LinkChangeSubscription(@Qualifier("linkChangeListener") RedisMessageListenerContainer container,
			ShortUrlResolver resolver) {
		this.container = container;
		this.resolver = resolver;
	}

	@Bean
	static RedisMessageListenerContainer linkChangeListener(RedisConnectionFactory connectionFactory,
			LinkCacheInvalidation invalidation) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setAutoStartup(false);
		container.setRecoveryBackoff(new FixedBackOff(RETRY.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
		container.addMessageListener(
				(message, pattern) -> invalidation.onMessage(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(RedisLinkCache.CHANNEL));
		return container;
	}

	@Scheduled(fixedDelay = 1000, initialDelay = 0)
	void ensureSubscribed() {
		if (this.container.isRunning() && this.container.isListening()) {
			if (this.warned.compareAndSet(true, false)) {
				log.info("Subscribed to link changes again");
			}
			this.resolver.subscriptionChanged(true);
			return;
		}
		this.resolver.subscriptionChanged(false);
		try {
			if (this.container.isRunning()) {
				this.container.stop();
			}
			this.container.start();
		}
		catch (RuntimeException ex) {
			if (this.warned.compareAndSet(false, true)) {
				log.warn("Not subscribed to link changes (Redis unavailable); retrying every {} s", RETRY.toSeconds());
			}
		}
	}

}
