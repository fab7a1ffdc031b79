package dev.kurz.redirect;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class RedirectConfiguration {

	/**
	 * Right after the rate limiter: request id, security headers and rate limits apply to
	 * redirects too; the filters after it (trailing slash, JSON body limit) concern only
	 * API requests.
	 */
	@Bean
	FilterRegistrationBean<RedirectFastPathFilter> redirectFastPathFilter(ShortUrlResolver resolver,
			Redirector redirector, RedirectRequestMetrics metrics) {
		FilterRegistrationBean<RedirectFastPathFilter> registration = new FilterRegistrationBean<>(
				new RedirectFastPathFilter(resolver, redirector, metrics));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 9);
		return registration;
	}

	/**
	 * The subscription to {@link RedisLinkCache#CHANNEL}, started by
	 * {@link LinkCacheInvalidation#ensureSubscribed()} rather than at start-up; its
	 * listeners are added by the features that publish on the channel.
	 */
	@Bean
	static RedisMessageListenerContainer linkChangeListener(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setAutoStartup(false);
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		return container;
	}

}
