package dev.kurz.analytics;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * Takes clicks off the request path. A redirect only offers its click to a bounded queue; one
 * writer thread drains whatever has piled up (so batches grow with load by themselves) and writes
 * each batch in one transaction. Under light load a click is written as soon as it arrives; under
 * load the writer starts a batch at most every {@code linger-ms} (100 ms), so that batches grow
 * large enough to update each link's counters once for many clicks. A read-your-clicks
 * {@link #flush()} cuts that wait short. A full queue drops the click and counts it: the redirect
 * never waits. Stopping drains the queue, so a graceful shutdown loses nothing.
 */
@Component
public class ClickRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);

	/** A batch this large means the writer is under load, and the next one may linger. */
	private static final int LOADED_BATCH = 100;

	private final BlockingQueue<Click> queue;

	private final ClickStore store;

	private final ClickProperties properties;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong processed = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition progress = this.lock.newCondition();

	private final Condition hurry = this.lock.newCondition();

	private volatile boolean urgent;

	private final Counter recorded;

	private final Counter dropped;

	private final Counter failed;

	private final DistributionSummary batchSizes;

	private volatile boolean running;

	private Thread writer;

	ClickRecorder(ClickStore store, ClickProperties properties, MeterRegistry registry) {
		this.store = store;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
		this.recorded = Counter.builder("kurz.clicks.recorded").description("Clicks written to PostgreSQL")
			.register(registry);
		this.dropped = Counter.builder("kurz.clicks.dropped").description("Clicks dropped because the buffer was full")
			.register(registry);
		this.failed = Counter.builder("kurz.clicks.failed").description("Clicks lost to a failed batch write")
			.register(registry);
		this.batchSizes = DistributionSummary.builder("kurz.clicks.batch.size")
			.description("Clicks per batch written")
			.register(registry);
		Gauge.builder("kurz.clicks.buffered", this.queue, BlockingQueue::size)
			.description("Clicks waiting to be written")
			.register(registry);
	}

	/** Never blocks and never throws: a click that does not fit is dropped and counted. */
	public void record(Click click) {
		if (this.queue.offer(click)) {
			this.accepted.incrementAndGet();
		}
		else {
			this.dropped.increment();
		}
	}

	/** Waits (bounded) until every click accepted before this call is written or given up on. */
	public void flush() {
		long target = this.accepted.get();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.properties.flushTimeoutMs());
		this.lock.lock();
		try {
			this.urgent = true;
			this.hurry.signalAll();
			while (this.processed.get() < target) {
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
			this.lock.unlock();
		}
	}

	private void drainLoop() {
		List<Click> batch = new ArrayList<>(this.properties.maxBatch());
		long lastStart = System.nanoTime();
		int lastSize = 0;
		while (this.running || !this.queue.isEmpty()) {
			try {
				Click first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				if (lastSize >= LOADED_BATCH) {
					linger(lastStart + TimeUnit.MILLISECONDS.toNanos(this.properties.lingerMs()));
				}
				batch.add(first);
				this.queue.drainTo(batch, this.properties.maxBatch() - 1);
				lastStart = System.nanoTime();
				lastSize = batch.size();
				write(batch);
			}
			catch (InterruptedException ex) {
				// Shutdown interrupts only after the queue is drained below.
				Thread.currentThread().interrupt();
				break;
			}
			finally {
				batch.clear();
			}
		}
		drainRemaining();
	}

	/** Lets the next batch fill until {@code until}, unless it is full, a flush waits or we stop. */
	private void linger(long until) throws InterruptedException {
		this.lock.lock();
		try {
			while (!this.urgent && this.running && this.queue.size() < this.properties.maxBatch()) {
				long left = until - System.nanoTime();
				if (left <= 0) {
					break;
				}
				this.hurry.awaitNanos(left);
			}
			this.urgent = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void drainRemaining() {
		List<Click> batch = new ArrayList<>(this.properties.maxBatch());
		while (this.queue.drainTo(batch, this.properties.maxBatch()) > 0) {
			write(batch);
			batch.clear();
		}
	}

	private void write(List<Click> batch) {
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
			this.processed.addAndGet(batch.size());
			this.lock.lock();
			try {
				this.progress.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.writer = new Thread(this::drainLoop, "click-writer");
		this.writer.start();
	}

	/** Runs after the web server has stopped taking requests (lower phase stops later). */
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
			this.writer.join(TimeUnit.SECONDS.toMillis(30));
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
