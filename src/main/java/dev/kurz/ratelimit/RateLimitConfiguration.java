package dev.kurz.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/** After request id and security headers, before anything reads the body. */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RateLimitProperties properties,
			ObjectMapper mapper, MeterRegistry registry, ObjectProvider<RateLimitClient> clients,
			ObjectProvider<RedirectRequests> redirects, ObjectProvider<ReadAlong> readsAlong) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limiter, properties, mapper, registry, clients.getIfAvailable(() -> addresses()),
						redirects.getIfAvailable(() -> (request) -> false), readsAlong.orderedStream().toList()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
		return registration;
	}

	@Bean
	WriteCharge writeCharge(RateLimiter limiter, RateLimitProperties properties,
			ObjectProvider<RateLimitClient> clients) {
		return new WriteCharge(limiter, properties, clients.getIfAvailable(() -> addresses()));
	}

	private static RateLimitClient addresses() {
		return HttpServletRequest::getRemoteAddr;
	}

}
