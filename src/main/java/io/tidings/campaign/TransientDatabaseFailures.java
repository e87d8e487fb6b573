package io.tidings.campaign;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.Failures;
import io.tidings.TerminalLogFilter;

import org.springframework.batch.core.step.FatalStepExecutionException;
import org.springframework.batch.infrastructure.repeat.RepeatContext;
import org.springframework.batch.infrastructure.repeat.exception.ExceptionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Lets a tasklet step go on after a failure the database calls transient: a row lock it
 * waited for too long, a row another transaction changed under it. The step's transaction
 * has rolled back by then, so the tasklet does the same piece of work again, after a
 * pause, up to a few times in the step's execution; any other failure, or one more, fails
 * the step as before. A tasklet so guarded must be safe to repeat: its database work in
 * the transaction, its files written whole, as print production's are. Failures of the
 * job repository (a step execution's version conflict) are not repeated: they would not
 * clear.
 */
final class TransientDatabaseFailures implements ExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(TransientDatabaseFailures.class);

	private static final String COUNT = TransientDatabaseFailures.class.getName() + ".count";

	private final int limit;

	private final Duration pause;

	TransientDatabaseFailures(int limit, Duration pause) {
		this.limit = limit;
		this.pause = pause;
	}

	@Override
	public void handleException(RepeatContext context, Throwable failure) throws Throwable {
		if (!isTransient(failure)) {
			throw failure;
		}
		Object counted = context.getAttribute(COUNT);
		int count = ((counted instanceof Integer number) ? number : 0) + 1;
		if (count > this.limit) {
			throw failure;
		}
		context.setAttribute(COUNT, count);
		logger.warn("The database refused a piece of work for now ({}, at {}); doing it again ({} of {})",
				sqlError(failure), ownFrame(failure), count, this.limit);
		LoggerFactory.getLogger(TerminalLogFilter.TRACES).warn("A piece of work refused for now", failure);
		try {
			Thread.sleep(this.pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

	static boolean isTransient(Throwable failure) {
		if (failure instanceof FatalStepExecutionException || failure instanceof OptimisticLockingFailureException) {
			return false;
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TransientDataAccessException || cause instanceof SQLTransientException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The SQL state and vendor code of the innermost SQL failure: what the database said.
	 */
	private static String sqlError(Throwable failure) {
		SQLException innermost = null;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql) {
				innermost = sql;
			}
		}
		return (innermost != null) ? "SQL state " + innermost.getSQLState() + ", error " + innermost.getErrorCode()
				+ ", " + innermost.getClass().getName() : Failures.place(Failures.rootCause(failure));
	}

	/**
	 * Where in Tidings the piece of work was refused: the database's own frames say
	 * little.
	 */
	private static String ownFrame(Throwable failure) {
		return Arrays.stream(failure.getStackTrace())
			.filter((frame) -> frame.getClassName().startsWith("io.tidings."))
			.findFirst()
			.map(StackTraceElement::toString)
			.orElse("an unknown place");
	}

}
