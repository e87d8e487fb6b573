package io.tidings;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads the application starts, and library look-ups made on its behalf, see the
 * application's own class loader. In the packaged jar the classes of the libraries are
 * found only through the launcher's class loader: a thread that carries another context
 * class loader (a pool's, the JDK's) makes every {@link java.util.ServiceLoader} look-up
 * it starts (holiday data, JAXB, Jakarta Mail, StAX) come back empty.
 */
public final class ApplicationThreads {

	private static final ClassLoader APPLICATION = ApplicationThreads.class.getClassLoader();

	private ApplicationThreads() {
	}

	/**
	 * Daemon threads named {@code <prefix>1}, {@code <prefix>2}... whose context class
	 * loader is the application's, whichever thread creates them. Daemon, so that a pool
	 * nobody shut down cannot keep the process alive.
	 */
	public static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> thread(task, prefix + count.incrementAndGet());
	}

	/**
	 * A single daemon thread of that name with the application's class loader.
	 */
	public static ThreadFactory single(String name) {
		return (task) -> thread(task, name);
	}

	private static Thread thread(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.setContextClassLoader(APPLICATION);
		return thread;
	}

	/**
	 * Runs a library call whose look-ups follow the calling thread's context class loader
	 * with the application's, then restores the thread's own.
	 */
	public static <T> T withApplicationClassLoader(Supplier<T> call) {
		Thread thread = Thread.currentThread();
		ClassLoader own = thread.getContextClassLoader();
		thread.setContextClassLoader(APPLICATION);
		try {
			return call.get();
		}
		finally {
			thread.setContextClassLoader(own);
		}
	}

}
