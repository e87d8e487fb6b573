package io.tidings.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary folders of the processes that use a home folder,
 * {@code tmp/<host>-<pid>}, where {@code <host>} is the host name and, on Linux, the
 * process id namespace ({@code ops-1_4026531836-4242}): several hosts, or containers of
 * one host name, can share the home (an NFS mount) without one taking another's process
 * ids for its own. A starting process deletes the folders of its own host whose process
 * has ended, and leaves those of other hosts alone. A folder named by a bare process id
 * was left by a version that did not name the host; it is deleted, as that version did,
 * when no process of that id is alive here.
 *
 * @param root the {@code tmp} folder of the home
 * @param host this host, as it names its folders
 */
record TemporaryFolders(Path root, String host) {

	private static final Logger logger = LoggerFactory.getLogger(TemporaryFolders.class);

	/** The temporary folders of this host. */
	static TemporaryFolders ofThisHost(Path root) {
		String name = hostName().replaceAll("[^A-Za-z0-9.-]", "-");
		String space = processSpace();
		return new TemporaryFolders(root, (space != null) ? name + "_" + space : name);
	}

	/** The folder of a process of this host. */
	Path of(long pid) {
		return this.root.resolve(this.host + "-" + pid);
	}

	/**
	 * Deletes what processes of this host that are no longer alive left.
	 */
	void deleteThoseOfEndedProcesses(LongPredicate alive) {
		if (!Files.isDirectory(this.root)) {
			return;
		}
		try (Stream<Path> folders = Files.list(this.root)) {
			folders.filter(folder -> {
				Long pid = pidOfThisHost(folder.getFileName().toString());
				return pid != null && !alive.test(pid);
			}).forEach(folder -> {
				logger.info("Deleting temporary files left by ended process {}", folder.getFileName());
				deleteTree(folder);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clean " + this.root, ex);
		}
	}

	/** The process id of a folder of this host (or of a bare process id), or null. */
	private @Nullable Long pidOfThisHost(String name) {
		String prefix = this.host + "-";
		String pid = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
		return pid.matches("\\d{1,18}") ? Long.valueOf(pid) : null;
	}

	static void deleteTree(Path folder) {
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

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/** The inode of the process id namespace on Linux ({@code pid:[4026531836]}). */
	private static @Nullable String processSpace() {
		try {
			String inode = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\D", "");
			return inode.isEmpty() ? null : inode;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

}
