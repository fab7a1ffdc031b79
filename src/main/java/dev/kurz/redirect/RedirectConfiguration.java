package dev.kurz.redirect;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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

}
