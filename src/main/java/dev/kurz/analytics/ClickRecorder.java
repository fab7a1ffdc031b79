package dev.kurz.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Writes the clicks of redirects in batches. A redirect offers its click to a bounded
 * queue; each of {@code writers} writer threads, when it is free, takes whatever has
 * piled up (so batches grow with load by themselves) and writes it in one transaction.
 * The writers take turns at the queue, so batches keep the queue's order. While the
 * newest batch is being written, and for no longer than {@code overlap-after}, no other
 * writer starts one: the clicks arriving meanwhile go into one batch, which the writer of
 * the newest takes as soon as it is done, rather than into several small ones, each with
 * its own round trip and commit. A batch that takes longer (PostgreSQL slow, its writer
 * descheduled) no longer holds up the next one: another writer takes it.
 * <p>
 * In {@code commit} durability (the default) the redirect then waits, up to
 * {@code commit-wait}, until the batch holding its click has committed: group commit.
 * Every redirect in flight adds its click to the next batch, so the batch size follows
 * the load and the batch interval is the time the batch ahead takes to write; a lone
 * click is written as soon as it arrives and waits only for its own commit. A redirect
 * waits parked (on a virtual thread it frees its carrier). Past the commit wait the 302
 * goes out anyway, and the click, answered but not durable, stays in the buffer and is
 * counted until it is written. The redirect parks without a timeout: a timed park of a
 * virtual thread arms a timer in the JDK's scheduler and cancels it again, each a wake-up
 * of the scheduler's timer thread, twice per redirect. One watcher thread instead wakes
 * the redirects whose commit wait is over, looking every {@value #LONGEST_WATCH_MS} ms at
 * most.
 * <p>
 * In {@code async} durability the redirect does not wait. Under load (the last batch held
 * 100 clicks or more) the writers then start a batch at most every {@code linger-ms}, so
 * that batches grow larger.
 * <p>
 * A batch whose write fails for a reason a retry can cure (PostgreSQL down, slow, the
 * pool exhausted) is written again, with back-off, until it commits; its batch id makes
 * sure that it is written once (see {@link ClickStore#save(ClickBatch)}). Meanwhile the
 * new clicks pile up in the buffer. A full buffer drops the click and counts it: the
 * redirect never waits for room. A read-your-clicks {@link #flush()} cuts a linger short.
 * Stopping drains the queue, so a graceful shutdown loses nothing.
 * <p>
 * Why several writers: one writer is one thread and one PostgreSQL backend taking turns,
 * and on a machine whose cores are busy serving redirects that pair gets one runnable
 * thread's share of the CPU, less than the clicks need at full load.
 */
@Component
public class ClickRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);

	/**
	 * A batch this large means the writers are under load, and the next one may linger.
	 */
	private static final int LOADED_BATCH = 100;

	private static final long FIRST_RETRY_MS = 50;

	/**
	 * The longest the watcher of commit waits sleeps: a redirect answers at most this
	 * much after its commit wait is over.
	 */
	static final long LONGEST_WATCH_MS = 5;

	private static final long LONGEST_RETRY_MS = 1000;

	/**
	 * A batch whose commit is in doubt is retried for at most this long: half the time
	 * its id stays in {@code click_batches} (V8), so a retry always finds the id of an
	 * attempt that committed.
	 */
	static final Duration IN_DOUBT_LIMIT = Duration.ofMinutes(30);

	/** How long, once stopping, a failing batch is still retried. */
	private static final Duration STOP_RETRIES = Duration.ofSeconds(20);

	/** What the redirect path and the operator see of click recording. */
	public enum State {

		/** Commit durability, and every answered click is written. */
		DURABLE,

		/**
		 * A batch is being retried, or (commit durability) a redirect answered before its
		 * click was written.
		 */
		BUFFERING,

		/** Async durability, and the writes succeed. */
		ASYNC

	}

	private final BlockingQueue<Pending> queue;

	private final ClickStore store;

	private final ClickProperties properties;

	private final boolean commit;

	private final long commitWaitNanos;

	private final long overlapNanos;

	private final AtomicLong accepted = new AtomicLong();

	/**
	 * Redirects waiting for their click's commit, in the order they started waiting,
	 * which is the order of their deadlines; the watcher drops those whose wait is over.
	 */
	private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a batch is written or given up on. */
	private final Condition progress = this.lock.newCondition();

	/**
	 * Signalled when a flush starts waiting, or on stop: a lingering writer goes at once,
	 * and a writer waiting for a batch to be {@link #needed()} looks again.
	 */
	private final Condition hurry = this.lock.newCondition();

	/** Clicks taken off the queue by writers, in queue order. Guarded by the lock. */
	private long dispatched;

	/**
	 * Queue positions of the first clicks of the batches being written. Guarded by the
	 * lock.
	 */
	private final TreeSet<Long> inFlight = new TreeSet<>();

	/** The queue position of the newest batch taken. Guarded by the lock. */
	private long newestPosition = -1;

	/** When the newest batch was taken, in nanoseconds. Guarded by the lock. */
	private long newestStart;

	/** Flushes waiting; while any does, no writer lingers. Guarded by the lock. */
	private int flushing;

	/**
	 * Held by the writer whose turn it is to take the next batch off the queue: a batch
	 * is taken and its queue position noted in one step.
	 */
	private final ReentrantLock turn = new ReentrantLock();

	/** When the last batch was taken, in nanoseconds. Guarded by the turn. */
	private long lastStart = System.nanoTime();

	/** The size of the last batch taken. Guarded by the turn. */
	private int lastSize;

	/** Clicks answered with a 302 and not written yet. */
	private final AtomicLong notDurable = new AtomicLong();

	/** Batches whose write failed and that are waiting to be written again. */
	private final AtomicInteger retrying = new AtomicInteger();

	private final Counter recorded;

	private final Counter dropped;

	private final Counter failed;

	private final Counter answeredBeforeCommit;

	private final DistributionSummary batchSizes;

	private final Timer batchWrites;

	private final Timer commitWaits;

	private volatile boolean running;

	private volatile long stopDeadline;

	private final List<Thread> writers = new ArrayList<>();

	ClickRecorder(ClickStore store, ClickProperties properties, MeterRegistry registry) {
		this.store = store;
		this.properties = properties;
		this.commit = properties.durability() == ClickProperties.Durability.COMMIT;
		this.commitWaitNanos = properties.commitWait().toNanos();
		this.overlapNanos = properties.overlapAfter().toNanos();
		this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
		this.recorded = Counter.builder("kurz.clicks.recorded")
			.description("Clicks written to PostgreSQL")
			.register(registry);
		this.dropped = Counter.builder("kurz.clicks.dropped")
			.description("Clicks dropped because the buffer was full")
			.register(registry);
		this.failed = Counter.builder("kurz.clicks.failed")
			.description("Clicks lost to a batch write that could not be retried")
			.register(registry);
		this.answeredBeforeCommit = Counter.builder("kurz.clicks.answered.before.commit")
			.description("Clicks whose redirect answered after the commit wait, before their batch committed")
			.register(registry);
		this.batchSizes = DistributionSummary.builder("kurz.clicks.batch.size")
			.description("Clicks per batch written")
			.register(registry);
		this.batchWrites = Timer.builder("kurz.clicks.batch.write")
			.description("Time a batch write took that committed, the commit included")
			.register(registry);
		this.commitWaits = Timer.builder("kurz.clicks.commit.wait")
			.description("Time a redirect waited for the commit of its click, in commit durability")
			.register(registry);
		Gauge.builder("kurz.clicks.buffered", this.queue, BlockingQueue::size)
			.description("Clicks waiting to be written")
			.register(registry);
		Gauge.builder("kurz.clicks.not.durable", this.notDurable, AtomicLong::get)
			.description("Clicks answered with a 302 and not yet written to PostgreSQL")
			.register(registry);
		Gauge.builder("kurz.clicks.retrying", this.retrying, AtomicInteger::get)
			.description("Click batches waiting to be written again after a failed write")
			.register(registry);
	}

	/**
	 * Never throws. In commit durability, returns once the click is written, or after the
	 * commit wait, or at once when the buffer is full (the click is then dropped and
	 * counted). In async durability, returns at once.
	 */
	public void record(Click click) {
		Pending pending = this.commit
				? new Pending(click, Thread.currentThread(), System.nanoTime() + this.commitWaitNanos)
				: new Pending(click, null, 0);
		if (!this.commit) {
			// Counted before the writer can see it, so the gauge never dips below zero.
			this.notDurable.incrementAndGet();
		}
		if (!this.queue.offer(pending)) {
			if (!this.commit) {
				this.notDurable.decrementAndGet();
			}
			this.dropped.increment();
			return;
		}
		this.accepted.incrementAndGet();
		if (this.commit) {
			awaitCommit(pending);
		}
	}

	private void awaitCommit(Pending pending) {
		// From when the click was handed over, before any writer could take it.
		long start = pending.deadline - this.commitWaitNanos;
		this.waiting.add(pending);
		// Woken by the writer of its batch, or by the watcher once the wait is over. Read
		// after joining the waiting: the watcher ends only when stopped and with no one
		// waiting, so if this still runs, the watcher will see this redirect.
		if (this.running) {
			while (pending.get() == Pending.WAITING && pending.deadline - System.nanoTime() > 0
					&& !Thread.currentThread().isInterrupted()) {
				LockSupport.park(this);
			}
		}
		this.commitWaits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		this.notDurable.incrementAndGet();
		if (pending.compareAndSet(Pending.WAITING, Pending.ANSWERED)) {
			this.answeredBeforeCommit.increment();
		}
		else {
			this.notDurable.decrementAndGet();
		}
	}

	/** How click recording stands now. */
	public State state() {
		if (this.retrying.get() > 0 || (this.commit && this.notDurable.get() > 0)) {
			return State.BUFFERING;
		}
		return this.commit ? State.DURABLE : State.ASYNC;
	}

	/**
	 * Waits (bounded) until every click accepted before this call is written or given up
	 * on.
	 */
	public void flush() {
		long target = this.accepted.get();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.properties.flushTimeoutMs());
		this.lock.lock();
		try {
			this.flushing++;
			this.hurry.signalAll();
			while (done() < target) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !this.running) {
					return;
				}
				this.progress.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.flushing--;
			this.lock.unlock();
		}
	}

	/**
	 * How many clicks, counted in queue order, are written or given up on: all before the
	 * first click of the oldest batch still being written. Batches finish out of order,
	 * so a count of clicks written would not say which. Only the writer whose turn it is
	 * takes clicks off the queue, so a click it holds and has not yet counted is not
	 * counted here either.
	 */
	private long done() {
		return this.inFlight.isEmpty() ? this.dispatched : this.inFlight.first();
	}

	private void writeLoop() {
		try {
			while (this.running || !this.queue.isEmpty()) {
				awaitNeed();
				Taken taken = take();
				if (taken != null) {
					write(taken);
				}
			}
		}
		catch (InterruptedException ex) {
			// Nothing here interrupts a writer; if something else does, it stops.
			Thread.currentThread().interrupt();
			log.error("Click writer interrupted; {} buffered clicks are left to the other writers", this.queue.size());
		}
	}

	/**
	 * Takes the next batch, in turn with the other writers, unless another writer has
	 * just started one: waits (bounded) for a first click, lingers when async under load,
	 * then takes what has piled up behind it.
	 * @return null when no click came, or no batch was needed
	 */
	private Taken take() throws InterruptedException {
		this.turn.lockInterruptibly();
		try {
			if (!needed()) {
				return null;
			}
			Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
			if (first == null) {
				return null;
			}
			if (!this.commit && this.lastSize >= LOADED_BATCH) {
				linger(this.lastStart + TimeUnit.MILLISECONDS.toNanos(this.properties.lingerMs()));
			}
			this.lastStart = System.nanoTime();
			List<Pending> entries = new ArrayList<>(Math.min(this.properties.maxBatch(), this.queue.size() + 1));
			entries.add(first);
			this.queue.drainTo(entries, this.properties.maxBatch() - 1);
			this.lastSize = entries.size();
			long position;
			this.lock.lock();
			try {
				position = this.dispatched;
				this.dispatched += entries.size();
				this.inFlight.add(position);
				this.newestPosition = position;
				this.newestStart = System.nanoTime();
			}
			finally {
				this.lock.unlock();
			}
			List<Click> clicks = new ArrayList<>(entries.size());
			for (Pending entry : entries) {
				clicks.add(entry.click);
			}
			return new Taken(position, entries, new ClickBatch(clicks));
		}
		finally {
			this.turn.unlock();
		}
	}

	/**
	 * Whether a writer should take a batch now: when the newest batch is written, or has
	 * been written for {@code overlap-after} already. A quick writer therefore takes the
	 * next batch itself as soon as its own has committed (no thread to wake in between),
	 * with the clicks that arrived meanwhile in it; a slow one gets help.
	 */
	private boolean needed() {
		this.lock.lock();
		try {
			return !this.running || !this.inFlight.contains(this.newestPosition)
					|| System.nanoTime() - this.newestStart >= this.overlapNanos;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until a batch is {@link #needed()}: a timed wait that no batch signals, so
	 * that a writer finishing its batch wakes no one.
	 */
	private void awaitNeed() throws InterruptedException {
		this.lock.lock();
		try {
			while (!needed()) {
				this.hurry.awaitNanos(Math.max(1, this.newestStart + this.overlapNanos - System.nanoTime()));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lets the next batch fill until {@code until}, unless it is full, a flush waits or
	 * we stop.
	 */
	private void linger(long until) throws InterruptedException {
		this.lock.lock();
		try {
			while (this.flushing == 0 && this.running && this.queue.size() < this.properties.maxBatch()) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					break;
				}
				this.hurry.awaitNanos(left);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void write(Taken taken) {
		try {
			writeUntilDone(taken.batch());
		}
		finally {
			// The batch is done first: a flush waiting for it returns while this writer
			// wakes its redirects.
			this.lock.lock();
			try {
				this.inFlight.remove(taken.position());
				this.progress.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			settle(taken.entries());
		}
	}

	/**
	 * Writes the batch, retrying while that may still succeed; logs and counts a loss.
	 */
	private void writeUntilDone(ClickBatch batch) {
		long backoff = FIRST_RETRY_MS;
		boolean retried = false;
		try {
			while (true) {
				try {
					long start = System.nanoTime();
					this.store.save(batch);
					this.batchWrites.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
					this.recorded.increment(batch.size());
					this.batchSizes.record(batch.size());
					if (retried) {
						log.info("Wrote {} clicks after retrying", batch.size());
					}
					return;
				}
				catch (RuntimeException ex) {
					if (!retryable(ex) || !mayRetry(batch)) {
						this.failed.increment(batch.size());
						log.error("Could not write {} clicks; they are lost", batch.size(), ex);
						return;
					}
					if (!retried) {
						retried = true;
						this.retrying.incrementAndGet();
						log.warn("Could not write {} clicks; retrying until PostgreSQL takes them: {}", batch.size(),
								ex.toString());
					}
				}
				TimeUnit.MILLISECONDS.sleep(backoff);
				backoff = Math.min(2 * backoff, LONGEST_RETRY_MS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.failed.increment(batch.size());
			log.error("Interrupted while retrying {} clicks; they are lost", batch.size());
		}
		finally {
			if (retried) {
				this.retrying.decrementAndGet();
			}
		}
	}

	/**
	 * Failures of the database or the connection to it; not a batch that PostgreSQL
	 * refuses as it is, which would fail again.
	 */
	private static boolean retryable(RuntimeException ex) {
		if (ex instanceof DataIntegrityViolationException || ex instanceof InvalidDataAccessResourceUsageException
				|| ex instanceof InvalidDataAccessApiUsageException) {
			return false;
		}
		return ex instanceof DataAccessException || ex instanceof TransactionException;
	}

	private boolean mayRetry(ClickBatch batch) {
		if (!this.running && System.nanoTime() - this.stopDeadline > 0) {
			return false;
		}
		return batch.id() == null || batch.idAgeNanos() < IN_DOUBT_LIMIT.toNanos();
	}

	/**
	 * Wakes the redirects whose commit wait is over, and forgets those answered, oldest
	 * first; then sleeps until the oldest one's wait is over, for at most
	 * {@value #LONGEST_WATCH_MS} ms. Runs until stopped with no redirect waiting.
	 */
	private void watchLoop() {
		long longest = TimeUnit.MILLISECONDS.toNanos(LONGEST_WATCH_MS);
		while (this.running || !this.waiting.isEmpty()) {
			long sleep = longest;
			long now = System.nanoTime();
			Pending oldest;
			while ((oldest = this.waiting.peek()) != null) {
				if (oldest.get() != Pending.WAITING) {
					this.waiting.poll();
				}
				else if (oldest.deadline - now <= 0) {
					this.waiting.poll();
					LockSupport.unpark(oldest.waiter);
				}
				else {
					sleep = Math.min(sleep, oldest.deadline - now);
					break;
				}
			}
			LockSupport.parkNanos(this, Math.max(sleep, 100_000));
		}
	}

	/** Answers the redirects still waiting for these clicks; counts down the others. */
	private void settle(List<Pending> entries) {
		for (Pending entry : entries) {
			int before = entry.getAndSet(Pending.DONE);
			if (before == Pending.WAITING) {
				LockSupport.unpark(entry.waiter);
			}
			else if (before == Pending.ANSWERED) {
				this.notDurable.decrementAndGet();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 1; i <= this.properties.writers(); i++) {
			Thread writer = new Thread(this::writeLoop, "click-writer-" + i);
			this.writers.add(writer);
			writer.start();
		}
		if (this.commit) {
			Thread watcher = new Thread(this::watchLoop, "click-commit-watcher");
			// It ends by itself once no redirect waits; it never holds up an exit.
			watcher.setDaemon(true);
			watcher.start();
		}
	}

	/**
	 * Runs after the web server has stopped taking requests (lower phase stops later).
	 */
	@Override
	public void stop() {
		this.stopDeadline = System.nanoTime() + STOP_RETRIES.toNanos();
		this.running = false;
		this.lock.lock();
		try {
			this.hurry.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		try {
			// The writers take what is left in the queue and write it.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			for (Thread writer : this.writers) {
				writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.info("Click writer stopped; {} clicks recorded, {} dropped, {} failed", (long) this.recorded.count(),
				(long) this.dropped.count(), (long) this.failed.count());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return 0;
	}

	/** A batch a writer took: its queue position, its clicks and their redirects. */
	private record Taken(long position, List<Pending> entries, ClickBatch batch) {
	}

	/**
	 * One click in the buffer and where it stands: a redirect waiting for its commit
	 * ({@link #WAITING}, commit durability), answered before its commit
	 * ({@link #ANSWERED}), or written or given up on ({@link #DONE}).
	 */
	private static final class Pending extends AtomicInteger {

		static final int WAITING = 0;

		static final int ANSWERED = 1;

		static final int DONE = 2;

		final Click click;

		/** The redirect's thread, parked until the click is done; null in async. */
		final Thread waiter;

		/**
		 * When the redirect's commit wait is over, in nanoseconds (commit durability).
		 */
		final long deadline;

		Pending(Click click, Thread waiter, long deadline) {
			super((waiter != null) ? WAITING : ANSWERED);
			this.click = click;
			this.waiter = waiter;
			this.deadline = deadline;
		}

	}

}
