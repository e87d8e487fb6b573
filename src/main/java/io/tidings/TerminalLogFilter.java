package io.tidings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps off the terminal what the command reports itself: Spring Batch's error lines for
 * a failed step (the command prints one line naming the stage and the cause), Spring's
 * report of a start that failed (the command says why in one line) and the traces written
 * to {@link #TRACES}. All stay in the log file.
 */
public final class TerminalLogFilter extends Filter<ILoggingEvent> {

	/** The logger of failures whose trace belongs in the log file only. */
	public static final String TRACES = "io.tidings.traces";

	private static final String SPRING_BATCH = "org.springframework.batch.";

	@Override
	public FilterReply decide(ILoggingEvent event) {
		String logger = event.getLoggerName();
		if (logger.startsWith(TRACES) || (event.getLevel() == Level.ERROR && logger.startsWith(SPRING_BATCH))
				|| startFailure(event)) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

	/** Spring's report of a start that failed, which the command reports in one line. */
	private static boolean startFailure(ILoggingEvent event) {
		String logger = event.getLoggerName();
		return (event.getLevel() == Level.ERROR && logger.equals("org.springframework.boot.SpringApplication"))
				|| (logger.startsWith("org.springframework.context.")
						&& event.getMessage().startsWith("Exception encountered during context initialization"));
	}

}
