package dev.kurz.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of end-to-end tests: the whole service on a random port against real PostgreSQL, called
 * over HTTP through {@link #api}. Every test starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestInfrastructure.class)
public abstract class HttpTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	protected Api api;

	@BeforeEach
	void resetState() {
		Database.reset(this.jdbc);
		this.api = new Api("http://127.0.0.1:" + this.port);
	}

}
