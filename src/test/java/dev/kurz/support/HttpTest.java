package dev.kurz.support;

import dev.kurz.analytics.ClickRecorder;
import dev.kurz.link.LinkReads;
import dev.kurz.redirect.RedirectCaches;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of end-to-end tests: the whole service on a random port against real PostgreSQL,
 * called over HTTP through {@link #api}. Every test starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestInfrastructure.class)
public abstract class HttpTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	protected Api api;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ClickRecorder clicks;

	@BeforeEach
	void resetState() {
		// Clicks of the previous test still in the buffer would race the TRUNCATE for its
		// locks.
		this.clicks.flush();
		Database.reset(this.jdbc);
		// Cached links of earlier tests name rows that no longer exist: drop them
		// everywhere.
		RedirectCaches.flushAll(this.context, this.redis);
		LinkReads.flushAll(this.redis);
		this.api = new Api("http://127.0.0.1:" + this.port);
	}

}
