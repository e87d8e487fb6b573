package io.tidings.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.springframework.context.ApplicationContext;

/**
 * One {@code tidings} command, run once the application has started.
 */
interface TidingsSubcommand {

	/**
	 * @return the exit code
	 */
	int run(ApplicationContext context, PrintWriter out);

	/**
	 * Whether the command serves HTTP (the application starts a web server for it).
	 */
	default boolean web() {
		return false;
	}

	/**
	 * Whether the command runs long batch jobs whose progress is shown while it runs.
	 */
	default boolean showsProgress() {
		return false;
	}

	/**
	 * Whether the command prints JSON on standard output: anything else, log lines
	 * included, then goes to standard error.
	 */
	default boolean printsJson() {
		return false;
	}

	/**
	 * Application properties the command's options set, given to the application as it
	 * starts.
	 */
	default Map<String, String> properties() {
		return Map.of();
	}

}
