package io.tidings;

/**
 * What a failure is, said without its message: a message can quote customer data, so logs
 * and the terminal name the failure by its class and the place it was thrown; the message
 * and trace go to the log file only.
 */
public final class Failures {

	private Failures() {
	}

	/** The innermost cause: what actually went wrong. */
	public static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** {@code <class> at <the frame it was thrown from>}. */
	public static String place(Throwable failure) {
		StackTraceElement[] trace = failure.getStackTrace();
		return failure.getClass().getName() + " at " + ((trace.length > 0) ? trace[0] : "an unknown place");
	}

}
