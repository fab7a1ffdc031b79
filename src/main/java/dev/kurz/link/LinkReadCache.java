package dev.kurz.link;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.kurz.ratelimit.ReadAlong;
import dev.kurz.user.UserDeleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Single link reads ({@code GET /urls/<id>}) from Redis ({@code kurz:url:<id>}, the link
 * as JSON), fetched by the API limit script in the call that counts the request
 * ({@link ReadAlong}): a read that finds its link costs no query and no round trip of its
 * own. A read that finds nothing queries PostgreSQL and stores what it found if the key
 * is still empty.
 * <p>
 * After a change to a link commits, and before the change is answered, its entry is
 * overwritten with a marker that lives {@link #CHANGED_TTL}: reads that find the marker
 * go to PostgreSQL and store nothing, so a read that loaded the old row just before the
 * commit cannot store it over the change. A marker that could not reach Redis is retried
 * every 250 ms. Entries live {@link #TTL} at most.
 */
@Component
class LinkReadCache implements ReadAlong {

	static final String KEY_PREFIX = "kurz:url:";

	static final Duration TTL = Duration.ofSeconds(60);

	/** Longer than any read takes between its query and its store. */
	static final Duration CHANGED_TTL = Duration.ofSeconds(5);

	private static final String CHANGED = "-";

	private static final String PATH = "/urls/";

	private static final Logger log = LoggerFactory.getLogger(LinkReadCache.class);

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	/** Changed links whose marker did not reach Redis yet. */
	private final Set<Long> unmarked = ConcurrentHashMap.newKeySet();

	private final Counter fromRedis;

	private final Counter fromPostgres;

	LinkReadCache(StringRedisTemplate redis, ObjectMapper mapper, MeterRegistry registry) {
		this.redis = redis;
		this.mapper = mapper;
		this.fromRedis = reads(registry, "redis");
		this.fromPostgres = reads(registry, "postgres");
	}

	private static Counter reads(MeterRegistry registry, String source) {
		return Counter.builder("kurz.link.reads")
			.description("GET /urls/<id> by where the link came from")
			.tag("source", source)
			.register(registry);
	}

	@Override
	public String keyFor(HttpServletRequest request) {
		long id = idOf(request.getRequestURI());
		return (id > 0) ? KEY_PREFIX + id : null;
	}

	/** The id in {@code /urls/<id>}, or -1 for any other path. */
	static long idOf(String path) {
		int digits = path.length() - PATH.length();
		if (digits < 1 || digits > 18 || !path.startsWith(PATH)) {
			return -1;
		}
		long id = 0;
		for (int i = PATH.length(); i < path.length(); i++) {
			char c = path.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			id = id * 10 + (c - '0');
		}
		return id;
	}

	/** What the limit script found for link {@code id} on this request. */
	Lookup lookup(HttpServletRequest request, long id) {
		Lookup lookup = find(request, id);
		((lookup.url() != null) ? this.fromRedis : this.fromPostgres).increment();
		return lookup;
	}

	private Lookup find(HttpServletRequest request, long id) {
		if (!(request.getAttribute(ReadAlong.VALUE_ATTRIBUTE) instanceof String value) || value.equals(CHANGED)) {
			return Lookup.NOT_FOUND;
		}
		if (value.isEmpty()) {
			return Lookup.MAY_STORE;
		}
		try {
			return new Lookup(this.mapper.readValue(value, UrlResponse.class), false);
		}
		catch (JacksonException ex) {
			log.debug("Unreadable cached link {}", id, ex);
			return Lookup.NOT_FOUND;
		}
	}

	/** Keeps a live link read from PostgreSQL, unless the key holds something already. */
	void store(long id, UrlResponse url) {
		try {
			this.redis.opsForValue().setIfAbsent(KEY_PREFIX + id, this.mapper.writeValueAsString(url), TTL);
		}
		catch (DataAccessException ex) {
			log.debug("Could not cache link {}", id, ex);
		}
	}

	@TransactionalEventListener
	void onLinkChanged(LinkChanged event) {
		if (event.id() > 0) {
			mark(event.id());
		}
	}

	/** The deleted user's links lost their owner. */
	@TransactionalEventListener
	void onUserDeleted(UserDeleted event) {
		event.linkIds().forEach(this::mark);
	}

	@Scheduled(fixedDelay = 250)
	void retry() {
		this.unmarked.forEach((id) -> {
			if (write(id)) {
				this.unmarked.remove(id);
			}
		});
	}

	/**
	 * While earlier markers are waiting for Redis, a new one waits with them rather than
	 * holding up its request for the Redis timeout.
	 */
	private void mark(long id) {
		if (!this.unmarked.isEmpty() || !write(id)) {
			this.unmarked.add(id);
		}
	}

	private boolean write(long id) {
		try {
			this.redis.opsForValue().set(KEY_PREFIX + id, CHANGED, CHANGED_TTL);
			return true;
		}
		catch (DataAccessException ex) {
			log.debug("Could not mark link {} as changed", id, ex);
			return false;
		}
	}

	/**
	 * @param url the link as Redis had it, or {@code null}
	 * @param mayStore whether Redis had nothing for it, so a link read from PostgreSQL
	 * may be stored
	 */
	record Lookup(UrlResponse url, boolean mayStore) {

		static final Lookup NOT_FOUND = new Lookup(null, false);

		static final Lookup MAY_STORE = new Lookup(null, true);

	}

}
