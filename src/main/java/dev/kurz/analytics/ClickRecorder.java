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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes clicks off the request path. A redirect only offers its click to a bounded queue; one
 * writer thread drains whatever has piled up (so batches grow with load by themselves) and writes
 * each batch in one transaction. A full queue drops the click and counts it: the redirect never
 * waits. Stopping drains the queue, so a graceful shutdown loses nothing.
 */
@Component
public class ClickRecorder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClickRecorder.class);

	private final BlockingQueue<Click> queue;

	private final ClickStore store;

	private final ClickProperties properties;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong processed = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition progress = this.lock.newCondition();

	private final Counter recorded;

	private final Counter dropped;

	private final Counter failed;

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
		while (this.running || !this.queue.isEmpty()) {
			try {
				Click first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.properties.maxBatch() - 1);
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
