package dev.kurz.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

	/**
	 * First of all filters: every later line of a request, including errors, carries its
	 * id.
	 */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Applied by Boot to the application task executor (streamed list bodies run there).
	 */
	@Bean
	TaskDecorator mdcTaskDecorator() {
		return new MdcTaskDecorator();
	}

}
