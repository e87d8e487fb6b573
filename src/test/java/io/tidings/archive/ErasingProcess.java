package io.tidings.archive;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Another process erasing a document from a batch's file, for the test that erasures in
 * two processes do not write back what the other blanked: it takes the file's lock, says
 * {@code locked}, waits for a line on its standard input, then writes the file again
 * without the document (a new file moved into place, as the archive does) and lets go of
 * the lock.
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
			System.out.println("locked");
			System.out.flush();
			new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			byte[] left = BatchFiles.erase(file, List.of(firstPage));
			Path written = file.resolveSibling(file.getFileName() + ".erasing");
			Files.write(written, left);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
	}

}
