package io.tidings;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Shows progress of a long stage: a line at most every few seconds with items done and
 * the rate, and a line with read, written and skipped counts when the stage ends. Its
 * start and each chunk are {@link CrashPoint}s ({@code "render started"},
 * {@code "render chunk 2"}).
 */
public class ProgressListener
		implements StepExecutionListener, ChunkListener<Object, Object>, ItemWriteListener<Object> {

	private static final Logger logger = LoggerFactory.getLogger("io.tidings.progress");

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final String stage;

	private Instant started = Instant.now();

	private Instant lastReport = Instant.now();

	private final boolean countWrites;

	private long done;

	private int chunks;

	public ProgressListener(String stage) {
		this(stage, false);
	}

	/**
	 * @param countWrites count written items instead of chunks: a step that processes
	 * items concurrently does not tell chunk listeners about its chunks
	 */
	public ProgressListener(String stage, boolean countWrites) {
		this.stage = stage;
		this.countWrites = countWrites;
	}

	@Override
	public synchronized void beforeStep(StepExecution stepExecution) {
		this.done = 0;
		this.started = Instant.now();
		this.lastReport = this.started;
		this.chunks = 0;
		CrashPoint.reach(this.stage + " started");
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		if (!this.countWrites) {
			advance(chunk.size());
		}
	}

	@Override
	public void afterWrite(Chunk<? extends Object> items) {
		if (this.countWrites) {
			advance(items.size());
		}
	}

	/**
	 * What the partitions of this listener's stage report when they run side by side in
	 * this process: their chunks, counted together. The stage's start and end lines come
	 * from this listener on the partitioned step.
	 */
	public ChunkListener<Object, Object> partitionChunks() {
		return new ChunkListener<>() {

			@Override
			public void afterChunk(Chunk<Object> chunk) {
				advance(chunk.size());
			}

		};
	}

	private synchronized void advance(int items) {
		this.done += items;
		CrashPoint.reach(this.stage + " chunk " + ++this.chunks);
		Instant now = Instant.now();
		if (Duration.between(this.lastReport, now).compareTo(INTERVAL) >= 0) {
			this.lastReport = now;
			double seconds = Math.max(0.001, Duration.between(this.started, now).toMillis() / 1000.0);
			logger.info(String.format(Locale.ROOT, "%s: %,d done in %.1f s (%.1f/s)", this.stage, this.done, seconds,
					this.done / seconds));
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		logger.info("{} {}: {}", this.stage, stepExecution.getStatus().name().toLowerCase(Locale.ROOT),
				summary(stepExecution, Instant.now()));
		return stepExecution.getExitStatus();
	}

	private String summary(StepExecution step, Instant now) {
		double seconds = Math.max(0.001, Duration.between(this.started, now).toMillis() / 1000.0);
		return String.format(Locale.ROOT, "%,d read, %,d written, %,d skipped, %,d filtered in %.1f s (%.1f/s)",
				step.getReadCount(), step.getWriteCount(), step.getSkipCount(), step.getFilterCount(), seconds,
				step.getWriteCount() / seconds);
	}

}
