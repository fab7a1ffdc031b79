package dev.kurz.redirect;

import dev.kurz.link.LinkChanged;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every replica's caches in step with link changes. After the changing transaction
 * commits, this replica drops its own copy at once (so it serves the new state on the very next
 * request), removes the Redis entry and publishes the code; every other replica drops its copy
 * when the message arrives.
 */
@Configuration(proxyBeanMethods = false)
class LinkCacheInvalidation {

	private final ShortUrlResolver resolver;

	private final RedisLinkCache redis;

	LinkCacheInvalidation(ShortUrlResolver resolver, RedisLinkCache redis) {
		this.resolver = resolver;
		this.redis = redis;
	}

	@TransactionalEventListener
	void onLinkChanged(LinkChanged event) {
		// Redis first: a local reload in between would otherwise copy the old entry back.
		this.redis.invalidate(event.shortCode());
		this.resolver.evictLocal(event.shortCode());
	}

	@Bean
	RedisMessageListenerContainer linkChangeListener(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// Redis down: keep trying to subscribe in the background, every second.
		container.setRecoveryBackoff(new org.springframework.util.backoff.FixedBackOff(1000L,
				org.springframework.util.backoff.FixedBackOff.UNLIMITED_ATTEMPTS));
		MessageListener listener = (message, pattern) -> this.resolver.evictLocal(new String(message.getBody(),
				java.nio.charset.StandardCharsets.UTF_8));
		container.addMessageListener(listener, new ChannelTopic(RedisLinkCache.CHANNEL));
		return container;
	}

}
