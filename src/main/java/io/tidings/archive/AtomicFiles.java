package io.tidings.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tidings.ApplicationThreads;
import io.tidings.OwnerOnly;
import io.tidings.TidingsHome;
import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes files so that a reader (a print shop's watcher, a rerun after a crash) never
 * sees half of one: the bytes go to a temporary file under {@code tmp/<host>-<pid>/} in
 * the home folder ({@link TemporaryFolders}), are forced to disk, and the file is then
 * moved into place (and the folder's entry forced to disk where the system allows it, on
 * Linux and macOS): after a power cut or a crash of the machine a file is there whole or
 * not at all, never there empty. A process killed halfway leaves its half-written file
 * only in its own temporary folder, which the next process of its host deletes. Files get
 * the default permissions of the process (its umask), so that a print shop's pickup job
 * running as another user can read them.
 */
@Component
public class AtomicFiles {

	private static final Logger logger = LoggerFactory.getLogger(AtomicFiles.class);

	/**
	 * Threads that write files in the background: a thread forcing a file to disk waits
	 * for the file system's commit, and the file system commits the files of threads that
	 * wait at the same time together.
	 */
	private static final int BACKGROUND_WRITERS = 8;

	private final Path temporaryFolder;

	private final ThreadPoolExecutor backgroundWriters;

	AtomicFiles(TidingsHome home) {
		TemporaryFolders folders = TemporaryFolders.ofThisHost(home.home().resolve("tmp"));
		folders.deleteThoseOfEndedProcesses(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
		this.temporaryFolder = folders.of(ProcessHandle.current().pid());
		this.backgroundWriters = new ThreadPoolExecutor(BACKGROUND_WRITERS, BACKGROUND_WRITERS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), ApplicationThreads.named("file-writer-"));
		this.backgroundWriters.allowCoreThreadTimeOut(true);
	}

	/**
	 * Writes a file through a stream.
	 * @param target the file; a relative name is taken from the working folder, as users
	 * type it ({@code --out scores.csv})
	 */
	public void write(Path target, StreamWriter content) throws IOException {
		OwnerOnly.folders(this.temporaryFolder);
		// a bare file name has no parent until it is made absolute
		OwnerOnly.folders(target.toAbsolutePath().getParent());
		Path temporary = this.temporaryFolder.resolve(UUID.randomUUID() + ".part");
		try (FileChannel channel = FileChannel.open(temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(temporary))) {
			content.writeTo(Channels.newOutputStream(channel));
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		try {
			moveIntoPlace(temporary, target);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		forceFolder(target.toAbsolutePath().getParent());
	}

	public void write(Path target, byte[] content) throws IOException {
		write(target, out -> out.write(content));
	}

	/**
	 * Writes a file as {@link #write(Path, byte[])} does, on one of a few threads kept
	 * for it, so that the caller goes on working while the file is forced to disk; the
	 * content must not change until the write is done, and a file is not written again
	 * before its last write is done (the two would land in either order).
	 * @return done when the file is in place, or failed with an
	 * {@link UncheckedIOException} that names the file
	 */
	public CompletableFuture<Void> writeInBackground(Path target, byte[] content) {
		return CompletableFuture.runAsync(() -> {
			try {
				write(target, content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
			}
		}, this.backgroundWriters);
	}

	public void copy(Path source, Path target) throws IOException {
		write(target, out -> Files.copy(source, out));
	}

	/**
	 * A folder of this process for scratch files (created when missing); what a killed
	 * process leaves in it is deleted by the next one.
	 */
	public Path temporaryFolder() throws IOException {
		return OwnerOnly.folders(this.temporaryFolder);
	}

	@PreDestroy
	void close() {
		this.backgroundWriters.shutdown();
		try {
			if (!this.backgroundWriters.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.warn("Files still being written after a minute; {} is left for the next process to delete",
						this.temporaryFolder);
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		TemporaryFolders.deleteTree(this.temporaryFolder);
	}

	private static void moveIntoPlace(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Forces a folder's entries to disk, so that a file moved into it stays there after a
	 * crash of the machine; a system that cannot open a folder (Windows) is left to its
	 * own journal.
	 */
	private static void forceFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			logger.debug("Cannot force folder {} to disk: {}", folder, ex.getMessage());
		}
	}

	/**
	 * Writes the content of a file.
	 */
	@FunctionalInterface
	public interface StreamWriter {

		void writeTo(OutputStream out) throws IOException;

	}

}
