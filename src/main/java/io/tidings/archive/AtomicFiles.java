package io.tidings.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes files so that a reader (a print shop's watcher, a rerun after a crash) never
 * sees half of one: into a temporary file beside the target, then moved into place.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	public static void copy(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
		Files.copy(source, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		DocumentArchive.moveIntoPlace(temporary, target);
	}

	public static void write(Path target, byte[] content) throws IOException {
		Files.createDirectories(target.getParent());
		Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
		Files.write(temporary, content);
		DocumentArchive.moveIntoPlace(temporary, target);
	}

}
