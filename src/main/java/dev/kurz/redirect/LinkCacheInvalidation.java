package dev.kurz.redirect;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.kurz.link.LinkChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every replica's caches in step with link changes. After the changing transaction
 * commits, a round removes the Redis entry, publishes the code and drops this replica's
 * copy, so it serves the new state on the very next request; the other replicas drop
 * theirs when the message arrives. A second round follows a second later: a replica that
 * read the old row just before the commit may have written it back after the first. A
 * round that could not reach Redis is retried until it does, and then followed by one
 * more two seconds later, for replicas still resubscribing.
 * <p>
 * The subscription to the channel is not made during start-up (a replica starts and
 * serves without Redis); a check every second makes it, and makes it again whenever it is
 * found missing, for example after Redis restarted. The check's finding tells the
 * resolver whether it may keep its entries long.
 */
@Component
class LinkCacheInvalidation {

	static final long SECOND_ROUND_DELAY_MS = 1000;

	/** Longer than the Redis client's longest reconnect delay (1 s). */
	static final long AFTER_OUTAGE_DELAY_MS = 2000;

	private static final Logger log = LoggerFactory.getLogger(LinkCacheInvalidation.class);

	private final ShortUrlResolver resolver;

	private final RedisLinkCache redis;

	private final RedisMessageListenerContainer subscription;

	/** Codes whose last round could not reach Redis. */
	private final Set<String> unreached = ConcurrentHashMap.newKeySet();

	/** Codes due for one more round, with the time (epoch millis) when it is due. */
	private final Map<String, Long> followUps = new ConcurrentHashMap<>();

	private volatile boolean warned;

	LinkCacheInvalidation(ShortUrlResolver resolver, RedisLinkCache redis,
			@Qualifier("linkChangeListener") RedisMessageListenerContainer subscription) {
		this.resolver = resolver;
		this.redis = redis;
		this.subscription = subscription;
		subscription.addMessageListener(
				(message, pattern) -> onMessage(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(RedisLinkCache.CHANNEL));
	}

	@TransactionalEventListener
	void onLinkChanged(LinkChanged event) {
		this.followUps.put(event.shortCode(), System.currentTimeMillis() + SECOND_ROUND_DELAY_MS);
		round(event.shortCode());
	}

	/** A message from the channel: {@code "<replica id> <code>"}. */
	void onMessage(String message) {
		int space = message.indexOf(' ');
		String origin = (space < 0) ? "" : message.substring(0, space);
		String code = message.substring(space + 1);
		if (this.redis.isOwn(origin)) {
			return;
		}
		if (RedisLinkCache.EVERYTHING.equals(code)) {
			this.resolver.evictAllLocal();
		}
		else {
			this.resolver.evictLocal(code);
		}
	}

	@Scheduled(fixedDelay = 250)
	void retry() {
		this.redis.probe();
		this.unreached.forEach(this::round);
		long now = System.currentTimeMillis();
		this.followUps.forEach((code, due) -> {
			if (due <= now && this.followUps.remove(code, due)) {
				round(code);
			}
		});
	}

	/**
	 * Redis first, then the local copy: a reload in between would copy the old entry
	 * back.
	 */
	private void round(String code) {
		if (!this.redis.remove(code)) {
			this.unreached.add(code);
		}
		else if (this.unreached.remove(code)) {
			this.followUps.merge(code, System.currentTimeMillis() + AFTER_OUTAGE_DELAY_MS, Math::max);
		}
		this.resolver.evictLocal(code);
	}

	@Scheduled(fixedDelay = 1000, initialDelay = 0)
	void ensureSubscribed() {
		if (this.subscription.isRunning() && this.subscription.isListening()) {
			if (this.warned) {
				this.warned = false;
				log.info("Subscribed to link changes again");
			}
			this.resolver.subscriptionChanged(true);
			return;
		}
		this.resolver.subscriptionChanged(false);
		try {
			if (this.subscription.isRunning()) {
				this.subscription.stop();
			}
			this.subscription.start();
		}
		catch (RuntimeException ex) {
			if (!this.warned) {
				this.warned = true;
				log.warn("Not subscribed to link changes (Redis unavailable); retrying every second");
			}
		}
	}

}
