package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Named points of a run where the fault-injection tests strike: when the environment
 * variable {@code TIDINGS_CRASH_POINT} names a point the run reaches, the run writes the
 * file named by {@code TIDINGS_CRASH_POINT_REACHED} and waits there until the file is
 * deleted, so the test kills the process (or breaks something and lets it go on) at that
 * exact point however loaded the machine is. Unset in every other run, where a point
 * costs one comparison.
 */
public final class CrashPoint {

	private static final @Nullable String POINT = System.getenv("TIDINGS_CRASH_POINT");

	private static final @Nullable String REACHED = System.getenv("TIDINGS_CRASH_POINT_REACHED");

	private CrashPoint() {
	}

	/**
	 * Marks that the run has reached a point, e.g. {@code "decide started"},
	 * {@code "render chunk 2"} or {@code "deliver email handed over 3"}.
	 */
	public static void reach(String point) {
		if (POINT == null || REACHED == null || !POINT.equals(point)) {
			return;
		}
		Path reached = Path.of(REACHED);
		try {
			Files.writeString(reached, point);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		while (Files.exists(reached)) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
