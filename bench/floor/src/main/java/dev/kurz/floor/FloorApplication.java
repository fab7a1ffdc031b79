package dev.kurz.floor;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * What Kurz's stack costs for a redirect before Kurz does anything: Spring Boot, Tomcat
 * on virtual threads, and one plain filter answering every GET with a fixed 302, the
 * way Kurz's fast path answers one. No limiter, access log, click or look-up.
 */
@SpringBootApplication
public class FloorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	@Bean
	FilterRegistrationBean<HttpFilter> redirect() {
		FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {

			@Override
			protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws IOException, ServletException {
				if (!"GET".equals(request.getMethod())) {
					chain.doFilter(request, response);
					return;
				}
				response.setStatus(HttpServletResponse.SC_FOUND);
				response.setHeader("Location", "https://example.com/");
				response.setContentLength(0);
			}

		});
		registration.addUrlPatterns("/*");
		return registration;
	}

}
