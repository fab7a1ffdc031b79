package dev.kurz.auth;

import dev.kurz.link.ShortCode;
import dev.kurz.shared.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Who may call what. One security filter chain for the API; redirects
 * ({@code GET}/{@code HEAD} of a code) and health probes never enter it. In the
 * {@code keys} mode a key sent with a request becomes its {@link Caller} (an unknown or
 * revoked key is refused at once), and the rules below say which routes need a key and
 * which an admin key; what a user key may see and change is decided by the services,
 * which scope their queries to the caller. In the {@code open} mode every request is an
 * unrestricted caller.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

	private static final int MAX_CODE = 32;

	private final AuthProperties properties;

	AuthConfiguration(AuthProperties properties) {
		this.properties = properties;
	}

	/**
	 * No observations of the filter chain, authentications and authorizations: their
	 * timers and per-filter counters cost several times an API read's own work, and every
	 * request is still timed once by {@code http.server.requests}.
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider provider,
			ProblemResponses problems) {
		RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
		http.securityMatcher((request) -> !outsideTheChain(request))
			.csrf(AbstractHttpConfigurer::disable)
			.headers(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((context) -> context.securityContextRepository(contexts))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (this.properties.open()) {
			http.anonymous((anonymous) -> anonymous.principal(Caller.open()))
				.authorizeHttpRequests((rules) -> rules.anyRequest().permitAll());
			return http.build();
		}
		AuthenticationFilter keys = new AuthenticationFilter(new ProviderManager(provider),
				(request) -> KeySecrets.claimed(request) ? ApiKeyAuthentication
					.unchecked(orEmpty(KeySecrets.sentWith(request)), KeyCheck.checkedFor(request)) : null);
		keys.setSuccessHandler((request, response, authentication) -> {
		});
		keys.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
		keys.setSecurityContextRepository(contexts);
		http.anonymous((anonymous) -> anonymous.principal(Caller.anonymous()))
			.addFilterBefore(keys, AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((rules) -> {
				// Error pages and the second half of a streamed list belong to a request
				// already let in.
				rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				if (this.properties.signup()) {
					rules.requestMatchers(HttpMethod.POST, "/users").permitAll();
				}
				else {
					rules.requestMatchers(HttpMethod.POST, "/users").hasRole(ApiKeyAuthentication.ADMIN);
				}
				rules
					.requestMatchers(HttpMethod.GET, "/openapi.json", "/openapi.json/**", "/docs", "/docs/**",
							"/swagger-ui/**")
					.permitAll();
				if (this.properties.anonymousLinks()) {
					rules.requestMatchers(HttpMethod.POST, "/shorten").permitAll();
				}
				rules.requestMatchers("/users/bulk", "/urls/bulk", "/events/bulk", "/metrics", "/metrics/**")
					.hasRole(ApiKeyAuthentication.ADMIN)
					.anyRequest()
					.authenticated();
			});
		return http.build();
	}

	private static String orEmpty(String key) {
		return (key != null) ? key : "";
	}

	/**
	 * Redirects and health probes: open to everyone, and kept free of the security
	 * filters' cost.
	 */
	static boolean outsideTheChain(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.equals("/health") || path.startsWith("/health/") || path.equals("/actuator/health")
				|| path.startsWith("/actuator/health/")) {
			return true;
		}
		String method = request.getMethod();
		return ("GET".equals(method) || "HEAD".equals(method)) && isCode(path);
	}

	/**
	 * A one-segment path such as {@code /aB3_x-9} that is not one of the service's own.
	 */
	private static boolean isCode(String path) {
		int length = path.length();
		if (length < 2 || length > MAX_CODE + 1 || path.charAt(0) != '/') {
			return false;
		}
		for (int i = 1; i < length; i++) {
			char c = path.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return !ShortCode.isReserved(path.substring(1));
	}

	@EventListener(ApplicationReadyEvent.class)
	void describeMode() {
		if (this.properties.open()) {
			log.warn("API is unauthenticated (kurz.auth.mode=open): anyone who reaches it may read and change "
					+ "everything; use this on a trusted network only");
		}
		else if (this.properties.adminKeys().isEmpty()) {
			log.info("API keys required (kurz.auth.mode=keys); no admin key is set (kurz.auth.admin-keys)");
		}
		else {
			log.info("API keys required (kurz.auth.mode=keys); {} admin key(s) set",
					this.properties.adminKeys().size());
		}
	}

}
