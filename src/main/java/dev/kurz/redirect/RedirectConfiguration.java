package dev.kurz.redirect;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RedirectConfiguration {

	/** Last of Kurz's filters: request id, headers and rate limits apply to redirects too. */
	@Bean
	FilterRegistrationBean<RedirectFastPathFilter> redirectFastPathFilter(ShortUrlResolver resolver,
			Redirector redirector) {
		FilterRegistrationBean<RedirectFastPathFilter> registration = new FilterRegistrationBean<>(
				new RedirectFastPathFilter(resolver, redirector));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
