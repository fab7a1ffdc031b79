package dev.kurz.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * The fixed-window counters of the shared limits in Redis. One request is one
 * {@code EVALSHA} of {@link #SCRIPT}, which checks and counts every counter the request
 * touches at once: a request is counted against all of its limits or, when one is spent,
 * against none. Each counter is an integer key that expires when its window ends.
 */
final class SharedWindows implements AutoCloseable {

	/**
	 * KEYS: the counters, then optionally one key to read. ARGV[1]: tokens to take from
	 * each counter; ARGV[2]: window in milliseconds; ARGV[2 + i]: capacity of KEYS[i] (so
	 * there are as many counters as capacities). Returns {refused, used_1, ttl_1, used_2,
	 * ttl_2, ..., read}: refused is the index of the first counter the tokens would take
	 * over its capacity (0 when they fit, and then they are counted), used_i the count
	 * with this request's tokens, ttl_i the milliseconds left in that counter's window,
	 * and read, when a key to read was given and nothing was refused, its value
	 * ({@code ""} when it has none).
	 */
	static final String SCRIPT = """
			local tokens = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local counters = #ARGV - 2
			local result = { 0 }
			for i = 1, counters do
			  local key = KEYS[i]
			  local used = redis.call('INCRBY', key, tokens)
			  local ttl = window
			  if used == tokens then
			    redis.call('PEXPIRE', key, window)
			  else
			    ttl = redis.call('PTTL', key)
			    if ttl < 0 then
			      redis.call('PEXPIRE', key, window)
			      ttl = window
			    end
			  end
			  if result[1] == 0 and used > tonumber(ARGV[2 + i]) then
			    result[1] = i
			  end
			  result[2 * i] = used
			  result[2 * i + 1] = ttl
			end
			if result[1] > 0 then
			  for i = 1, counters do
			    redis.call('DECRBY', KEYS[i], tokens)
			  end
			elseif #KEYS > counters then
			  result[2 * counters + 2] = redis.call('GETRANGE', KEYS[counters + 1], 0, -1)
			end
			return result
			""";

	private final StatefulRedisConnection<String, String> connection;

	private final RedisAsyncCommands<String, String> commands;

	private final String sha;

	private final Duration timeout;

	private final boolean commandsExpire;

	private final String window;

	/**
	 * Opens a connection of its own, whose commands fail after {@code timeout}, and loads
	 * the script.
	 */
	SharedWindows(RedisClient client, Duration timeout) {
		this.connection = client.connect(StringCodec.UTF8);
		this.connection.setTimeout(timeout);
		this.commands = this.connection.async();
		this.timeout = timeout;
		this.commandsExpire = client.getOptions().getTimeoutOptions().isTimeoutCommands();
		this.window = Long.toString(Limit.WINDOW.toMillis());
		try {
			this.sha = await(this.commands.scriptLoad(SCRIPT));
		}
		catch (RuntimeException ex) {
			this.connection.close();
			throw ex;
		}
	}

	/**
	 * Takes {@code tokens} from each counter in {@code keys} if every one has them left.
	 * @param keys the counters' keys, then optionally a key to read
	 * @param capacities the capacity of each counter, in the order of {@code keys}
	 * @return the script's answer, see {@link #SCRIPT}: numbers, then the value read
	 * @throws RedisException when Redis fails or does not answer within the timeout
	 */
	List<Object> take(String[] keys, long tokens, long... capacities) {
		String[] args = new String[2 + capacities.length];
		args[0] = Long.toString(tokens);
		args[1] = this.window;
		for (int i = 0; i < capacities.length; i++) {
			args[2 + i] = Long.toString(capacities[i]);
		}
		try {
			return await(this.commands.evalsha(this.sha, ScriptOutputType.MULTI, keys, args));
		}
		catch (RedisNoScriptException ex) {
			// Redis restarted or its script cache was flushed: EVAL runs the script and
			// caches it again.
			return await(this.commands.eval(SCRIPT, ScriptOutputType.MULTI, keys, args));
		}
	}

	/**
	 * The answer, or the failure, of one command. When the client expires commands itself
	 * (ClientOptions' TimeoutOptions, set in RedisClientConfiguration) the wait is
	 * untimed: Lettuce fails the command after the connection's timeout on its timer
	 * wheel, where a timed wait would arm and cancel a JDK timer on every request.
	 */
	private <T> T await(Future<T> future) {
		try {
			return this.commandsExpire ? future.get() : future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RedisException redis) {
				throw redis;
			}
			throw new RedisException(ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new RedisException("No answer from Redis within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
	}

	@Override
	public void close() {
		if (this.connection.isOpen()) {
			this.connection.close();
		}
	}

}
