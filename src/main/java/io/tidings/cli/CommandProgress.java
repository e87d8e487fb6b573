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
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.tidings.ApplicationThreads;
import io.tidings.campaign.RunProgress;

/**
 * Progress of a long command on a terminal: a bar on standard error, redrawn in place,
 * read from the Spring Batch metadata of its running stages (items done, of how many when
 * known, rate, time left). Without a terminal (CI, logs) it shows nothing: the stages'
 * own progress lines ({@link io.tidings.ProgressListener}) are the one record there.
 */
final class CommandProgress {

	private static final int WIDTH = 30;

	private final RunProgress progress;

	private final PrintStream err;

	private final Instant since = Instant.now().minusSeconds(1);

	private @Nullable String shown;

	CommandProgress(RunProgress progress, PrintStream err) {
		this.progress = progress;
		this.err = err;
	}

	/**
	 * Runs the command while its progress is shown.
	 */
	static <T> T during(RunProgress progress, Supplier<T> command) {
		if (System.console() == null) {
			return command.get();
		}
		CommandProgress display = new CommandProgress(progress, System.err);
		ScheduledExecutorService ticker = Executors
			.newSingleThreadScheduledExecutor(ApplicationThreads.single("progress"));
		ticker.scheduleWithFixedDelay(display::show, 500, 500, TimeUnit.MILLISECONDS);
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
			if (stages.isEmpty()) {
				return;
			}
			String names = stages.stream().map(RunProgress.Stage::name).collect(Collectors.joining(" | "));
			synchronized (this) {
				if (this.shown != null && !this.shown.equals(names)) {
					this.err.println();
				}
				this.shown = names;
				this.err.print("\r" + line(stages) + "\u001B[K");
				this.err.flush();
			}
		}
		catch (RuntimeException ex) {
			// progress is a courtesy: a failed look at the metadata never stops a command
		}
	}

	synchronized void end() {
		if (this.shown != null) {
			this.err.println();
			this.shown = null;
		}
	}

	/**
	 * The bars of the stages running at the same time (delivery and print streams) on one
	 * line, so that they do not push each other onto new lines at every redraw.
	 */
	static String line(List<RunProgress.Stage> stages) {
		return stages.stream().map(CommandProgress::bar).collect(Collectors.joining(" | "));
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

	private static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min";
	}

}
