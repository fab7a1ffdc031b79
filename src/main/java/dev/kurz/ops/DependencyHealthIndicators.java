package dev.kurz.ops;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The two dependency checks behind {@code /health} and the Actuator health groups. Boot's
 * own {@code db} and {@code redis} indicators are switched off in favour of these: both
 * are plain round trips (SELECT 1, PING) with timeouts shorter than a health probe's.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthIndicators {

	@Bean
	HealthIndicator databaseHealthIndicator(DataSource dataSource) {
		return new AbstractHealthIndicator("PostgreSQL check failed") {
			@Override
			protected void doHealthCheck(Health.Builder builder) throws Exception {
				try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
					statement.setQueryTimeout(1);
					statement.execute("SELECT 1");
				}
				builder.up();
			}
		};
	}

	@Bean
	HealthIndicator redisHealthIndicator(RedisConnectionFactory connectionFactory) {
		return new AbstractHealthIndicator("Redis check failed") {
			@Override
			protected void doHealthCheck(Health.Builder builder) {
				try (RedisConnection connection = connectionFactory.getConnection()) {
					connection.ping();
				}
				builder.up();
			}
		};
	}

}
