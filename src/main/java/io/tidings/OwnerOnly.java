package io.tidings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders (700) and files (600) only their owner may read: the home holds personal data.
 * Where the file system has no POSIX permissions (Windows), its own defaults apply. The
 * launcher's {@code umask 077} covers what libraries create (H2, the log file); these
 * cover what Tidings creates itself, also when started without the launcher.
 */
public final class OwnerOnly {

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private OwnerOnly() {
	}

	/**
	 * Creates a folder, and those above it that are missing, owner-only.
	 * @return the folder
	 */
	public static Path folders(Path folder) throws IOException {
		Path absolute = folder.toAbsolutePath();
		if (Files.isDirectory(absolute) || !posix(absolute)) {
			return Files.createDirectories(absolute);
		}
		// a umask takes bits away, never adds them: 700 stays 700
		return Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
	}

	/** Makes a folder owner-only, when this process may change it. */
	public static void restrictFolder(Path folder) throws IOException {
		if (posix(folder) && Files.isDirectory(folder)) {
			Files.setPosixFilePermissions(folder, FOLDER);
		}
	}

	/** Makes a file owner-only. */
	public static void restrictFile(Path file) throws IOException {
		if (posix(file)) {
			Files.setPosixFilePermissions(file, FILE);
		}
	}

	/** The attribute that creates a file owner-only (none where there is no POSIX). */
	public static FileAttribute<?>[] file(Path where) {
		return posix(where) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
				: new FileAttribute<?>[0];
	}

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
