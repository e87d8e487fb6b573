package io.tidings.archive;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * Another process erasing a document from a batch's file, for the test that erasures in
 * two processes do not write back what the other blanked: it takes the file's lock, says
 * {@code locked}, waits for a line on its standard input, then writes the file again
 * without the document (a new file moved into its place) and lets go of the lock. It
 * exits with 3 when the file changed while it held the lock: another process wrote it
 * without waiting.
 * <p>
 * Arguments: the batch's file, the document's first page (0-based).
 */
final class ErasingProcess {

	private ErasingProcess() {
	}

	public static void main(String[] arguments) throws Exception {
		Path file = Path.of(arguments[0]);
		int firstPage = Integer.parseInt(arguments[1]);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			channel.lock();
			Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
			long size = channel.size();
			System.out.println("locked");
			System.out.flush();
			new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			// the file is only looked at through this channel: opening it again and
			// closing
			// it would let go of the lock
			if (!Objects.equals(key, Files.readAttributes(file, BasicFileAttributes.class).fileKey())
					|| size != channel.size()) {
				System.err.println("the file changed while this process held its lock");
				System.exit(3);
			}
			byte[] left = BatchFiles.erase(channel, List.of(firstPage));
			Path written = file.resolveSibling(file.getFileName() + ".erasing");
			Files.write(written, left);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
	}

}
