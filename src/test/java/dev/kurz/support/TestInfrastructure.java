package dev.kurz.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for every test: a container where Docker runs, otherwise the server
 * named by {@code TEST_DATABASE_URL} (default the local {@code test} database), as set in
 * {@code config/application.properties} of the test classpath.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:16-alpine");
	}

}
