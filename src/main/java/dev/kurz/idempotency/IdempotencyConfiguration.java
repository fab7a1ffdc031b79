package dev.kurz.idempotency;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

	/** Spring Security's filter chain is registered at -100. */
	static final int AFTER_SECURITY = 0;

	/**
	 * After the security filters: a request with an unknown key is refused before it can
	 * claim anything, and the key is known to be the caller's.
	 */
	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(StringRedisTemplate redis, ObjectMapper mapper,
			IdempotencyProperties properties) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(redis, mapper, properties));
		registration.setOrder(AFTER_SECURITY);
		return registration;
	}

}
