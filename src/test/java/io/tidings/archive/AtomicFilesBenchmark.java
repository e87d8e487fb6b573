package io.tidings.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TidingsHome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What forcing archived documents to disk costs: 2,000 files of 30 KB (a rendered
 * statement) written into one archive folder through a temporary file and an atomic move,
 * without forcing (as before), forcing each file before the move, and as
 * {@link AtomicFiles} does (each file, then the folder after the move); then unforced and
 * as {@link AtomicFiles} does on four threads, as the render stage writes. Prints
 * milliseconds a file for each (wall time over files), on the file system of the
 * temporary folder.
 *
 * <p>
 * Run with {@code ./mvnw -B -o -Pbench test -Dtest=AtomicFilesBenchmark};
 * {@code -Dtidings.bench.files=N} changes the count.
 */
@Tag("benchmark")
class AtomicFilesBenchmark {

	private static final int SIZE = 30 * 1024;

	private static final int THREADS = 4;

	@TempDir
	Path home;

	@Test
	void shouldTellWhatForcingEachArchivedDocumentCosts() throws IOException {
		int count = Integer.getInteger("tidings.bench.files", 2000);
		byte[] document = new byte[SIZE];
		new Random(19).nextBytes(document);
		AtomicFiles files = new AtomicFiles(new TidingsHome(this.home));
		Path scratch = files.temporaryFolder();
		// warm-up
		writeAll(this.home.resolve("warm-up"), 200, document, (target) -> moved(scratch, target, document, false));

		double plain = writeAll(this.home.resolve("archive/plain"), count, document,
				(target) -> moved(scratch, target, document, false));
		double fileForced = writeAll(this.home.resolve("archive/file-forced"), count, document,
				(target) -> moved(scratch, target, document, true));
		double atomicFiles = writeAll(this.home.resolve("archive/atomic-files"), count, document,
				(target) -> files.write(target, document));

		double plainThreads = writeAllOnThreads(this.home.resolve("archive/plain-threads"), count, THREADS,
				(target) -> moved(scratch, target, document, false));
		double atomicFilesThreads = writeAllOnThreads(this.home.resolve("archive/atomic-files-threads"), count, THREADS,
				(target) -> files.write(target, document));

		System.out.printf(Locale.ROOT,
				"%d files of %d KB, one thread: not forced %.3f ms a file, file forced %.3f ms, file and folder "
						+ "forced (AtomicFiles) %.3f ms; %d threads (wall time / files): not forced %.3f ms, "
						+ "AtomicFiles %.3f ms%n",
				count, SIZE / 1024, plain, fileForced, atomicFiles, THREADS, plainThreads, atomicFilesThreads);
		assertThat(this.home.resolve("archive/atomic-files").resolve((count - 1) + ".pdf")).hasSize(SIZE);
	}

	private static double writeAll(Path folder, int count, byte[] document, Write write) throws IOException {
		Files.createDirectories(folder);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			write.to(folder.resolve(i + ".pdf"));
		}
		return (System.nanoTime() - start) / 1e6 / count;
	}

	/** As the render stage writes, on several threads. */
	private static double writeAllOnThreads(Path folder, int count, int threads, Write write) throws IOException {
		Files.createDirectories(folder);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		try {
			List<Future<?>> written = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Path target = folder.resolve(i + ".pdf");
				written.add(pool.submit(() -> {
					write.to(target);
					return null;
				}));
			}
			for (Future<?> each : written) {
				each.get();
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IOException(ex);
		}
		finally {
			pool.shutdown();
		}
		return (System.nanoTime() - start) / 1e6 / count;
	}

	private static void moved(Path scratch, Path target, byte[] document, boolean force) throws IOException {
		Path temporary = scratch.resolve(UUID.randomUUID() + ".part");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(document));
			if (force) {
				channel.force(true);
			}
		}
		Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	@FunctionalInterface
	private interface Write {

		void to(Path target) throws IOException;

	}

}
