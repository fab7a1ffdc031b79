package dev.kurz.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes clicks off the request path. A redirect only offers its click to a bounded queue;
 * a dispatcher thread takes whatever has piled up (so batches grow with load by
 * themselves) and hands each batch to one of {@code writers} writer threads, which writes
 * it in one transaction. Under light load a click is written as soon as it arrives; under
 * load the dispatcher starts a batch at most every {@code linger-ms} (100 ms), so that
 * batches grow large enough to update each link's counters once for many clicks, and when
 * a batch takes longer than that to write the next one goes to another writer meanwhile.
 * A read-your-clicks {@link #flush()} cuts the wait short. A full queue drops the click
 * and counts it: the redirect never waits. Stopping drains the queue, so a graceful
 * shutdown loses nothing.
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

	private final BlockingQueue<Click> queue;

	private final ClickStore store;

	private final ClickProperties properties;

	private final AtomicLong accepted = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a batch is written or given up on. */
	private final Condition progress = this.lock.newCondition();

	/**
	 * Signalled when a flush starts waiting, or on stop: a lingering dispatcher goes at
	 * once.
	 */
	private final Condition hurry = this.lock.newCondition();

	/**
	 * Clicks taken off the queue and handed to writers, in queue order. Guarded by the
	 * lock.
	 */
	private long dispatched;

	/**
	 * Queue positions of the first clicks of the batches being written. Guarded by the
	 * lock.
	 */
	private final TreeSet<Long> inFlight = new TreeSet<>();

	/**
	 * Flushes waiting; while any does, the dispatcher does not linger. Guarded by the
	 * lock.
	 */
	private int flushing;

	private final Semaphore idleWriters;

	private final Counter recorded;

	private final Counter dropped;

	private final Counter failed;

	private final DistributionSummary batchSizes;

	private volatile boolean running;

	private Thread dispatcher;

	private ExecutorService writers;

	ClickRecorder(ClickStore store, ClickProperties properties, MeterRegistry registry) {
		this.store = store;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
		this.idleWriters = new Semaphore(properties.writers());
		this.recorded = Counter.builder("kurz.clicks.recorded")
			.description("Clicks written to PostgreSQL")
			.register(registry);
		this.dropped = Counter.builder("kurz.clicks.dropped")
			.description("Clicks dropped because the buffer was full")
			.register(registry);
		this.failed = Counter.builder("kurz.clicks.failed")
			.description("Clicks lost to a failed batch write")
			.register(registry);
		this.batchSizes = DistributionSummary.builder("kurz.clicks.batch.size")
			.description("Clicks per batch written")
			.register(registry);
		Gauge.builder("kurz.clicks.buffered", this.queue, BlockingQueue::size)
			.description("Clicks waiting to be written")
			.register(registry);
	}

	/**
	 * Never blocks and never throws: a click that does not fit is dropped and counted.
	 */
	public void record(Click click) {
		if (this.queue.offer(click)) {
			this.accepted.incrementAndGet();
		}
		else {
			this.dropped.increment();
		}
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
	 * so a count of clicks written would not say which. The dispatcher alone takes clicks
	 * off the queue, so a click it holds and has not yet counted is not counted here
	 * either.
	 */
	private long done() {
		return this.inFlight.isEmpty() ? this.dispatched : this.inFlight.first();
	}

	private void dispatchLoop() {
		long lastStart = System.nanoTime();
		int lastSize = 0;
		try {
			while (this.running || !this.queue.isEmpty()) {
				Click first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				this.idleWriters.acquire();
				if (lastSize >= LOADED_BATCH) {
					linger(lastStart + TimeUnit.MILLISECONDS.toNanos(this.properties.lingerMs()));
				}
				lastStart = System.nanoTime();
				lastSize = dispatch(first);
			}
		}
		catch (InterruptedException ex) {
			// Nothing here interrupts the dispatcher; if something else does, it stops.
			Thread.currentThread().interrupt();
			log.error("Click dispatcher interrupted; {} buffered clicks will not be written", this.queue.size());
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

	/**
	 * Takes a batch starting with {@code first} and hands it to the writer reserved for
	 * it.
	 */
	private int dispatch(Click first) {
		List<Click> batch = new ArrayList<>(Math.min(this.properties.maxBatch(), this.queue.size() + 1));
		batch.add(first);
		this.queue.drainTo(batch, this.properties.maxBatch() - 1);
		long position;
		this.lock.lock();
		try {
			position = this.dispatched;
			this.dispatched += batch.size();
			this.inFlight.add(position);
		}
		finally {
			this.lock.unlock();
		}
		this.writers.execute(() -> write(position, batch));
		return batch.size();
	}

	private void write(long position, List<Click> batch) {
		try {
			this.store.save(batch);
			this.recorded.increment(batch.size());
			this.batchSizes.record(batch.size());
		}
		catch (RuntimeException ex) {
			this.failed.increment(batch.size());
			log.error("Could not write {} clicks; they are lost", batch.size(), ex);
		}
		finally {
			this.lock.lock();
			try {
				this.inFlight.remove(position);
				this.progress.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			this.idleWriters.release();
		}
	}

	@Override
	public void start() {
		this.running = true;
		AtomicInteger number = new AtomicInteger();
		this.writers = Executors.newFixedThreadPool(this.properties.writers(),
				(task) -> new Thread(task, "click-writer-" + number.incrementAndGet()));
		this.dispatcher = new Thread(this::dispatchLoop, "click-dispatcher");
		this.dispatcher.start();
	}

	/**
	 * Runs after the web server has stopped taking requests (lower phase stops later).
	 */
	@Override
	public void stop() {
		this.running = false;
		this.lock.lock();
		try {
			this.hurry.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		try {
			// The dispatcher hands out what is left in the queue, then the writers finish
			// it.
			this.dispatcher.join(TimeUnit.SECONDS.toMillis(30));
			this.writers.shutdown();
			this.writers.awaitTermination(30, TimeUnit.SECONDS);
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

}
