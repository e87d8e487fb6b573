package io.tidings.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import io.tidings.TidingsHome;
import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes files so that a reader (a print shop's watcher, a rerun after a crash) never
 * sees half of one: the bytes go to a temporary file under {@code tmp/<process id>/} in
 * the home folder, which is then moved into place. A process killed halfway leaves its
 * half-written file only in its own temporary folder, which the next process deletes.
 * Files get the default permissions of the process (its umask), so that a print shop's
 * pickup job running as another user can read them.
 */
@Component
public class AtomicFiles {

	private static final Logger logger = LoggerFactory.getLogger(AtomicFiles.class);

	private final Path temporaryFolder;

	AtomicFiles(TidingsHome home) {
		Path root = home.home().resolve("tmp");
		deleteFoldersOfEndedProcesses(root);
		this.temporaryFolder = root.resolve(String.valueOf(ProcessHandle.current().pid()));
	}

	/**
	 * Writes a file through a stream.
	 * @param target the file; a relative name is taken from the working folder, as users
	 * type it ({@code --out scores.csv})
	 */
	public void write(Path target, StreamWriter content) throws IOException {
		Files.createDirectories(this.temporaryFolder);
		// a bare file name has no parent until it is made absolute
		Files.createDirectories(target.toAbsolutePath().getParent());
		Path temporary = this.temporaryFolder.resolve(UUID.randomUUID() + ".part");
		try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
			content.writeTo(out);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		moveIntoPlace(temporary, target);
	}

	public void write(Path target, byte[] content) throws IOException {
		write(target, out -> out.write(content));
	}

	public void copy(Path source, Path target) throws IOException {
		write(target, out -> Files.copy(source, out));
	}

	/**
	 * A folder of this process for scratch files (created when missing); what a killed
	 * process leaves in it is deleted by the next one.
	 */
	public Path temporaryFolder() throws IOException {
		return Files.createDirectories(this.temporaryFolder);
	}

	@PreDestroy
	void deleteTemporaryFolder() {
		deleteTree(this.temporaryFolder);
	}

	private static void moveIntoPlace(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteFoldersOfEndedProcesses(Path root) {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> folders = Files.list(root)) {
			folders.filter(folder -> !isRunningProcess(folder.getFileName().toString())).forEach(folder -> {
				logger.info("Deleting temporary files left by ended process {}", folder.getFileName());
				deleteTree(folder);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clean " + root, ex);
		}
	}

	private static boolean isRunningProcess(String name) {
		try {
			return ProcessHandle.of(Long.parseLong(name)).map(ProcessHandle::isAlive).orElse(false);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void deleteTree(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot delete temporary folder {}: {}", folder, ex.getMessage());
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
