package dev.kurz.auth;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every replica that keys were revoked, on the channel that carries link changes
 * (the redirect feature's subscription, which is made again whenever Redis comes back). A
 * message is {@code "<replica id> apikey:<hash>"}; the link caches take it for a code
 * that no link has. After the revoking transaction commits, this replica drops its own
 * entry and publishes; both are done once more a second later, for a replica that looked
 * the key up just before the commit. A publish that could not reach Redis is retried
 * until it does.
 */
@Component
class KeyRevocations {

	/** The channel of {@code redirect.RedisLinkCache}. */
	static final String CHANNEL = "kurz:link-changes";

	static final String PREFIX = "apikey:";

	static final long SECOND_ROUND_DELAY_MS = 1000;

	private static final Logger log = LoggerFactory.getLogger(KeyRevocations.class);

	private final StringRedisTemplate redis;

	private final KeyCheck keys;

	private final String instanceId = UUID.randomUUID().toString();

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final Map<String, Long> secondRound = new ConcurrentHashMap<>();

	KeyRevocations(StringRedisTemplate redis, KeyCheck keys,
			@Qualifier("linkChangeListener") RedisMessageListenerContainer changes) {
		this.redis = redis;
		this.keys = keys;
		changes.addMessageListener(
				(message, pattern) -> onMessage(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(CHANNEL));
	}

	@TransactionalEventListener
	void onRevoked(KeysRevoked event) {
		long due = System.currentTimeMillis() + SECOND_ROUND_DELAY_MS;
		for (String hash : event.hashes()) {
			this.keys.evict(hash);
			this.secondRound.put(hash, due);
			publish(hash);
		}
	}

	void onMessage(String message) {
		int space = message.indexOf(' ');
		if (space < 0 || !message.startsWith(PREFIX, space + 1)
				|| this.instanceId.equals(message.substring(0, space))) {
			return;
		}
		this.keys.evict(message.substring(space + 1 + PREFIX.length()));
	}

	@Scheduled(fixedDelay = 250)
	void retry() {
		for (String hash : this.pending) {
			publish(hash);
		}
		long now = System.currentTimeMillis();
		this.secondRound.forEach((hash, due) -> {
			if (due <= now && this.secondRound.remove(hash, due)) {
				this.keys.evict(hash);
				publish(hash);
			}
		});
	}

	private void publish(String hash) {
		try {
			this.redis.convertAndSend(CHANNEL, this.instanceId + " " + PREFIX + hash);
			this.pending.remove(hash);
		}
		catch (RuntimeException ex) {
			if (this.pending.add(hash)) {
				log.warn("Could not announce a key revocation (Redis unavailable); retrying: {}", ex.getMessage());
			}
		}
	}

}
