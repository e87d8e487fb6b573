package io.tidings.campaign;

import java.sql.SQLTransientException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.Failures;

import org.springframework.batch.infrastructure.repeat.RepeatContext;
import org.springframework.batch.infrastructure.repeat.exception.ExceptionHandler;
import org.springframework.dao.TransientDataAccessException;

/**
 * Lets a tasklet step go on after a failure the database calls transient: a row lock it
 * waited for too long, a row another transaction changed under it. The step's transaction
 * has rolled back by then, so the tasklet does the same piece of work again, after a
 * pause, up to a few times in a step's execution; any other failure, or one more, fails
 * the step as before. A tasklet so guarded must do each piece of work whole in its
 * transaction, as print production does.
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
		logger.warn("The database refused a piece of work for now ({}); doing it again ({} of {})",
				Failures.place(Failures.rootCause(failure)), count, this.limit);
		Thread.sleep(this.pause.toMillis());
	}

	static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TransientDataAccessException || cause instanceof SQLTransientException) {
				return true;
			}
		}
		return false;
	}

}
