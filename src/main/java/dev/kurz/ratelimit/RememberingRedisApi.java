package dev.kurz.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The Redis calls of Bucket4j's compare-and-swap, remembering what this replica last
 * wrote.
 * <p>
 * Bucket4j reads a bucket's state ({@code GET}), computes the new state, and then swaps
 * it in with a Lua script only if Redis still holds what was read. When this replica was
 * the last to write a bucket it already knows what Redis holds, so the read is answered
 * from memory and a decision costs one round trip instead of two. A remembered state that
 * is no longer current (another replica wrote the bucket since, or the key expired) makes
 * the swap fail; Bucket4j then retries with a real read. A refusal, though, needs no
 * swap, so Bucket4j would decide it from memory alone: a bucket that vanished from Redis
 * (a restart, say) would stay empty here until its window ends. {@link RateLimiter}
 * therefore {@linkplain #forget forgets} the bucket and asks again before it refuses
 * anyone. Every decision is then exactly the one Redis alone would give.
 * <p>
 * Any failed swap marks the bucket as shared for a while: it is not remembered, because
 * with its client spread over several replicas the memory would mostly be stale and cost
 * a failed swap.
 * <p>
 * Generic in the key type like Bucket4j's own adapter: Bucket4j hands keys over as an
 * {@code Object[]}, which a {@code String[]} parameter could not take.
 */
final class RememberingRedisApi<K> implements RedisApi<K> {

	private static final long SHARED_FOR_NANOS = Duration.ofSeconds(10).toNanos();

	/**
	 * Bucket4j's swap scripts compare with ARGV[1] and write ARGV[2]; its create scripts
	 * write ARGV[1].
	 */
	private static final String COMPARES = "== ARGV[1]";

	private final RedisAsyncCommands<K, byte[]> commands;

	/**
	 * Forgotten before the key can expire in Redis (a window plus at least 10 s after the
	 * last write).
	 */
	private final Cache<K, Memory> memory = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Limit.WINDOW)
		.executor(Runnable::run)
		.build();

	RememberingRedisApi(RedisAsyncCommands<K, byte[]> commands) {
		this.commands = commands;
	}

	/**
	 * What Redis holds for a key as far as this replica knows, or that the key is shared.
	 */
	private record Memory(byte[] state, long sharedUntil) {

		boolean shared(long now) {
			return this.state == null && now - this.sharedUntil < 0;
		}

	}

	@Override
	public RedisFuture<byte[]> get(K key) {
		Memory known = this.memory.getIfPresent(key);
		if (known != null && known.state() != null) {
			return Done.of(known.state());
		}
		return this.commands.get(key);
	}

	@Override
	public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[]... args) {
		RedisFuture<V> call = this.commands.eval(script, type, keys, args);
		if (keys.length != 1 || type != ScriptOutputType.BOOLEAN || args.length < 1) {
			return call;
		}
		K key = keys[0];
		byte[] written = (script.contains(COMPARES) && args.length >= 2) ? args[1] : args[0];
		Done<V> answer = new Done<>();
		// The memory is updated before Bucket4j sees the answer, so its next read finds
		// it.
		call.whenComplete((value, error) -> {
			long now = System.nanoTime();
			if (error == null && Boolean.TRUE.equals(value)) {
				Memory known = this.memory.getIfPresent(key);
				if (known == null || !known.shared(now)) {
					this.memory.put(key, new Memory(written, 0));
				}
			}
			else {
				this.memory.put(key, new Memory(null, now + SHARED_FOR_NANOS));
			}
			if (error != null) {
				answer.completeExceptionally(error);
			}
			else {
				answer.complete(value);
			}
		});
		return answer;
	}

	/** The next read of this key goes to Redis. */
	void forget(K key) {
		this.memory.invalidate(key);
	}

	@Override
	public RedisFuture<?> delete(K key) {
		this.memory.invalidate(key);
		return this.commands.del(key);
	}

	/** A {@link RedisFuture} completed by this class rather than by Lettuce. */
	static final class Done<V> extends CompletableFuture<V> implements RedisFuture<V> {

		static <V> Done<V> of(V value) {
			Done<V> done = new Done<>();
			done.complete(value);
			return done;
		}

		@Override
		public String getError() {
			try {
				getNow(null);
				return null;
			}
			catch (RuntimeException ex) {
				return String.valueOf(ex.getCause());
			}
		}

		@Override
		public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
			try {
				get(timeout, unit);
				return true;
			}
			catch (ExecutionException ex) {
				return true;
			}
			catch (TimeoutException ex) {
				return false;
			}
		}

	}

}
