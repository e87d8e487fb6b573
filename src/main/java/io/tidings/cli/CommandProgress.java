package io.tidings.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.tidings.console.RunProgress;

/**
 * Progress of a long command on standard error, read from the Spring Batch metadata of
 * its running stages: on a terminal a bar redrawn in place (items done, of how many when
 * known, rate, time left); otherwise (CI, logs) a plain line per running stage every ten
 * seconds.
 */
final class CommandProgress {

	private static final int WIDTH = 30;

	private final RunProgress progress;

	private final PrintStream err;

	private final boolean terminal;

	private final Instant since = Instant.now().minusSeconds(1);

	private @Nullable String shown;

	CommandProgress(RunProgress progress, PrintStream err, boolean terminal) {
		this.progress = progress;
		this.err = err;
		this.terminal = terminal;
	}

	/**
	 * Runs the command while its progress is shown.
	 */
	static <T> T during(RunProgress progress, Supplier<T> command) {
		boolean terminal = System.console() != null;
		CommandProgress display = new CommandProgress(progress, System.err, terminal);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "progress");
			thread.setDaemon(true);
			return thread;
		});
		Duration every = terminal ? Duration.ofMillis(500) : Duration.ofSeconds(10);
		ticker.scheduleWithFixedDelay(display::show, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
		try {
			return command.get();
		}
		finally {
			ticker.shutdownNow();
			display.end();
		}
	}

	void show() {
		try {
			List<RunProgress.Stage> stages = this.progress.runningStages(this.since);
			for (RunProgress.Stage stage : stages) {
				if (this.terminal) {
					synchronized (this) {
						if (this.shown != null && !this.shown.equals(stage.name())) {
							this.err.println();
						}
						this.shown = stage.name();
						this.err.print("\r" + bar(stage) + "\u001B[K");
						this.err.flush();
					}
				}
				else {
					this.err.println("progress: " + line(stage));
				}
			}
		}
		catch (RuntimeException ex) {
			// progress is a courtesy: a failed look at the metadata never stops a command
		}
	}

	synchronized void end() {
		if (this.terminal && this.shown != null) {
			this.err.println();
			this.shown = null;
		}
	}

	/**
	 * {@code renderDocumentsStep [##########..........] 1,234/2,468 50% 45.2/s ETA 27 s}
	 */
	static String bar(RunProgress.Stage stage) {
		long done = Math.max(stage.read(), stage.written());
		StringBuilder text = new StringBuilder(stage.name()).append(' ');
		if (stage.remaining() != null) {
			long total = Math.max(1, stage.written() + stage.skipped() + stage.remaining());
			long finished = Math.min(total, stage.written() + stage.skipped());
			int filled = (int) (WIDTH * finished / total);
			text.append('[')
				.append("#".repeat(filled))
				.append(".".repeat(WIDTH - filled))
				.append("] ")
				.append(String.format(Locale.ROOT, "%,d/%,d %d%%", finished, total, 100 * finished / total));
		}
		else {
			text.append(String.format(Locale.ROOT, "%,d read, %,d written", stage.read(), stage.written()));
		}
		if (stage.skipped() > 0) {
			text.append(String.format(Locale.ROOT, ", %,d skipped", stage.skipped()));
		}
		if (done > 0 && stage.rate() > 0) {
			text.append(String.format(Locale.ROOT, " %,.1f/s", stage.rate()));
		}
		if (stage.eta() != null) {
			text.append(" ETA ").append(duration(stage.eta()));
		}
		return text.toString();
	}

	/**
	 * {@code renderDocumentsStep: 1,234 read, 1,230 written, 4 skipped, 45.2/s, 1,234 left, ETA 27 s}
	 */
	static String line(RunProgress.Stage stage) {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d read, %,d written, %,d skipped",
				stage.name(), stage.read(), stage.written(), stage.skipped()));
		if (stage.rate() > 0) {
			text.append(String.format(Locale.ROOT, ", %,.1f/s", stage.rate()));
		}
		if (stage.remaining() != null) {
			text.append(String.format(Locale.ROOT, ", %,d left", stage.remaining()));
		}
		if (stage.eta() != null) {
			text.append(", ETA ").append(duration(stage.eta()));
		}
		return text.toString();
	}

	private static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min";
	}

}
