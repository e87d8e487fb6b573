package io.tidings;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads the application starts see the application's class loader, whichever thread
 * starts them: service look-ups on them find the libraries of the packaged jar.
 */
class ApplicationThreadsTests {

	private final ClassLoader foreign = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

	@Test
	void shouldGiveAThreadTheApplicationsClassLoaderWhenAThreadWithAnotherStartsIt() throws Exception {
		// given a thread whose context class loader cannot see the application
		AtomicReference<ClassLoader> seen = new AtomicReference<>();
		Thread starter = new Thread(() -> {
			ExecutorService pool = Executors.newSingleThreadExecutor(ApplicationThreads.named("test-"));
			// when it starts a pool thread
			pool.execute(() -> seen.set(Thread.currentThread().getContextClassLoader()));
			pool.shutdown();
			awaitTermination(pool);
		});
		starter.setContextClassLoader(this.foreign);
		starter.start();
		starter.join();
		// then
		assertThat(seen.get()).isSameAs(ApplicationThreads.class.getClassLoader());
	}

	@Test
	void shouldLookUpWithTheApplicationsClassLoaderAndGiveTheThreadItsOwnBack() {
		// given
		Thread thread = Thread.currentThread();
		ClassLoader own = thread.getContextClassLoader();
		thread.setContextClassLoader(this.foreign);
		try {
			// when
			ClassLoader during = ApplicationThreads
				.withApplicationClassLoader(() -> Thread.currentThread().getContextClassLoader());
			// then
			assertThat(during).isSameAs(ApplicationThreads.class.getClassLoader());
			assertThat(thread.getContextClassLoader()).isSameAs(this.foreign);
		}
		finally {
			thread.setContextClassLoader(own);
		}
	}

	@Test
	void shouldNameThreadsAndNotKeepTheProcessAlive() throws Exception {
		// given
		Thread thread = ApplicationThreads.named("deliver-").newThread(() -> {
		});
		Thread second = ApplicationThreads.named("deliver-").newThread(() -> {
		});
		// then
		assertThat(thread.getName()).isEqualTo("deliver-1");
		assertThat(second.getName()).isEqualTo("deliver-1");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(ApplicationThreads.single("progress").newThread(() -> {
		}).getName()).isEqualTo("progress");
	}

	private static void awaitTermination(ExecutorService pool) {
		try {
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
