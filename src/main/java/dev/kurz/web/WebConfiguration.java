package dev.kurz.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

/** Servlet-level web settings shared by every endpoint. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Existing clients call both {@code /urls} and {@code /urls/}: both reach the same
	 * handler.
	 */
	@Bean
	FilterRegistrationBean<TrailingSlashFilter> trailingSlashFilter() {
		FilterRegistrationBean<TrailingSlashFilter> registration = new FilterRegistrationBean<>(
				new TrailingSlashFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Errors that Tomcat answers on its own are problem+json too, not its HTML page. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorPages() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
			}
		});
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ListBodyParamsFilter> listBodyParamsFilter(ObjectMapper mapper) {
		FilterRegistrationBean<ListBodyParamsFilter> registration = new FilterRegistrationBean<>(
				new ListBodyParamsFilter(mapper));
		// After the trailing-slash filter, so that "/urls/" is seen as "/urls".
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodyTypeFilter> bodyTypeFilter() {
		FilterRegistrationBean<BodyTypeFilter> registration = new FilterRegistrationBean<>(new BodyTypeFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	@Bean
	FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter() {
		FilterRegistrationBean<JsonBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new JsonBodyLimitFilter(JsonBodyLimitFilter.DEFAULT_LIMIT));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
