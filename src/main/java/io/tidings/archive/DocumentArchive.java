package io.tidings.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tidings.TidingsHome;
import io.tidings.outbox.CommunicationId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Stores documents as {@code archive/<first two characters of the id>/<id>.<ext>}, and
 * the printed documents of a render batch together as
 * {@code archive/<first two characters>/<first document's id>-<hash>.batch.pdf}, each
 * document some pages of it ({@link BatchFiles}). A file is written to a temporary file
 * and moved into place, so a reader never sees half a document; storing the same id again
 * replaces it (only documents not yet sent are ever re-rendered).
 */
@Component
public class DocumentArchive {

	private final Path root;

	private final AtomicFiles files;

	private static final String BATCH_FILE = ".batch.pdf";

	/**
	 * Batch files are rewritten one at a time in a process, whichever archive does it: a
	 * process holds a file's lock once, and a second lock of its own would fail.
	 */
	private static final Object ERASING = new Object();

	public DocumentArchive(TidingsHome home, AtomicFiles files) {
		this.root = home.archive();
		this.files = files;
	}

	/**
	 * Stores a document in the background ({@link AtomicFiles#writeInBackground}): the
	 * caller goes on working while the file is written and forced to disk, and waits for
	 * {@link ArchivedDocument#written()} before it records where the document is, or
	 * stores the same document again.
	 * @return where it is, relative to the archive root, its SHA-256, and the write
	 */
	public ArchivedDocument storeInBackground(CommunicationId id, String extension, byte[] content) {
		String relative = id.value().substring(0, 2) + "/" + id.value() + "." + extension;
		Path target = this.root.resolve(relative);
		CompletableFuture<Void> written = this.files.writeInBackground(target, content).exceptionally((failure) -> {
			Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
			if (cause instanceof UncheckedIOException io) {
				throw new UncheckedIOException("Cannot archive document " + id + " at " + target, io.getCause());
			}
			throw new CompletionException(cause);
		});
		return new ArchivedDocument(relative, sha256(content), written);
	}

	/**
	 * Stores the file of a batch of printed documents ({@link BatchFiles}), named after
	 * its first document and its contents, so that it is never replaced: a batch laid out
	 * again (a rerun after a stop, a partition delivered twice) is a file of its own, and
	 * the ledger's rows keep pointing to the file they were recorded with.
	 * @return where it is, relative to the archive root
	 */
	public String storeBatch(CommunicationId first, byte[] content) {
		String relative = first.value().substring(0, 2) + "/" + first.value() + "-" + sha256(content).substring(0, 16)
				+ BATCH_FILE;
		Path target = this.root.resolve(relative);
		try {
			this.files.write(target, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot archive the batch of " + first + " at " + target, ex);
		}
		return relative;
	}

	/**
	 * Where the ledger finds a document that is some pages of a batch's file.
	 * @param batchFile the file, as {@link #storeBatch} gave it
	 * @param firstPage the document's first page in it (0-based)
	 * @param pages its page count
	 */
	public static String location(String batchFile, int firstPage, int pages) {
		return ArchiveLocation.of(batchFile, firstPage, pages);
	}

	/**
	 * The exact bytes of an archived document; a document kept as pages of a batch's file
	 * is taken out as a PDF/A file of its own, the same bytes every time.
	 * @param location where the ledger says it is
	 * @return empty when it is not there (purged or erased)
	 */
	public Optional<byte[]> read(String location) {
		ArchiveLocation parsed = ArchiveLocation.parse(location);
		Path file = this.root.resolve(parsed.file());
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return parsed.shared() ? Optional.ofNullable(BatchFiles.extract(file, parsed))
					: Optional.of(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the archived document at " + location + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The file extension of an archived document as it is given back ({@code pdf},
	 * {@code eml}, {@code json}).
	 */
	public static String extension(String location) {
		String file = ArchiveLocation.parse(location).file();
		return file.substring(file.lastIndexOf('.') + 1);
	}

	/**
	 * The absolute path of an archived document that is a file of its own.
	 * @throws IllegalArgumentException for a document that is pages of a batch's file
	 * (read it with {@link #read})
	 */
	public Path resolve(String location) {
		ArchiveLocation parsed = ArchiveLocation.parse(location);
		if (parsed.shared()) {
			throw new IllegalArgumentException("Not a file of its own but pages of a batch's file: " + location);
		}
		return this.root.resolve(parsed.file());
	}

	/**
	 * The file that holds an archived document and where its pages are in it.
	 */
	public Pages pages(String location) {
		ArchiveLocation parsed = ArchiveLocation.parse(location);
		return new Pages(this.root.resolve(parsed.file()), Math.max(parsed.firstPage(), 0), parsed.pages());
	}

	/**
	 * Where an archived document is, for people: its file's absolute path, and its pages
	 * when it shares the file.
	 */
	public String describe(String location) {
		ArchiveLocation parsed = ArchiveLocation.parse(location);
		Path file = this.root.resolve(parsed.file());
		if (!parsed.shared()) {
			return file.toString();
		}
		int first = parsed.firstPage() + 1;
		return file
				+ ((parsed.pages() == 1) ? ", page " + first : ", pages " + first + "-" + (first + parsed.pages() - 1));
	}

	/**
	 * Deletes archived documents: a file of its own is deleted; a document in a batch's
	 * file has its pages left blank, and the file is deleted with its last document.
	 * Deleting what is no longer there does nothing.
	 * @param locations where the ledger says they are
	 */
	public void delete(Collection<String> locations) {
		Map<String, List<Integer>> batches = new TreeMap<>();
		for (String location : locations) {
			ArchiveLocation parsed = ArchiveLocation.parse(location);
			if (parsed.shared()) {
				batches.computeIfAbsent(parsed.file(), file -> new ArrayList<>()).add(parsed.firstPage());
			}
			else {
				delete(this.root.resolve(parsed.file()));
			}
		}
		batches.forEach((relative, firstPages) -> erase(this.root.resolve(relative), firstPages));
	}

	/**
	 * Deletes the batch files no document of the ledger is in: what a stopped run left of
	 * a chunk it had laid out but not recorded (laid out again after the restart, in a
	 * file of its own).
	 * @param ledger hands every location the ledger records to the consumer it is given
	 * @param writtenBefore only files written before this: a running render stage records
	 * its batch's documents after writing its file
	 * @return how many files were deleted
	 */
	public int deleteUnrecordedBatchFiles(Consumer<Consumer<String>> ledger, Instant writtenBefore) {
		return forEachUnrecordedBatchFile(ledger, writtenBefore, DocumentArchive::delete);
	}

	/**
	 * How many batch files {@link #deleteUnrecordedBatchFiles} would delete now (for a
	 * dry run: it walks the archive as the purge does).
	 * @param ledger hands every location the ledger records to the consumer it is given
	 * @param writtenBefore only files written before this
	 * @return how many files no document of the ledger is in
	 */
	public int countUnrecordedBatchFiles(Consumer<Consumer<String>> ledger, Instant writtenBefore) {
		return forEachUnrecordedBatchFile(ledger, writtenBefore, file -> {
		});
	}

	private int forEachUnrecordedBatchFile(Consumer<Consumer<String>> ledger, Instant writtenBefore,
			Consumer<Path> action) {
		Set<Path> recorded = new HashSet<>();
		ledger.accept(location -> {
			ArchiveLocation parsed = ArchiveLocation.parse(location);
			if (parsed.shared()) {
				recorded.add(this.root.resolve(parsed.file()));
			}
		});
		if (!Files.isDirectory(this.root)) {
			return 0;
		}
		int found = 0;
		try (Stream<Path> files = Files.walk(this.root)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (file.getFileName().toString().endsWith(BATCH_FILE) && !recorded.contains(file)
						&& Files.getLastModifiedTime(file).toInstant().isBefore(writtenBefore)) {
					action.accept(file);
					found++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot look through the archive " + this.root, ex);
		}
		return found;
	}

	/**
	 * Erases documents from a batch's file, one process and thread at a time: another
	 * erasure (a purge beside an erasure request) would otherwise write back the pages
	 * this one blanked.
	 */
	private void erase(Path file, List<Integer> firstPages) {
		synchronized (ERASING) {
			try {
				while (true) {
					Object before = fileKey(file);
					if (before == null) {
						return;
					}
					try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
							StandardOpenOption.WRITE)) {
						// released when the channel closes
						channel.lock();
						if (!before.equals(fileKey(file))) {
							// another process replaced or deleted it while this one
							// waited
							continue;
						}
						byte[] left = BatchFiles.erase(channel, firstPages);
						if (left == null) {
							delete(file);
						}
						else {
							this.files.write(file, left);
						}
						return;
					}
					catch (NoSuchFileException ex) {
						return;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot erase documents of " + file, ex);
			}
		}
	}

	private static @Nullable Object fileKey(Path file) throws IOException {
		try {
			Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
			// a file system without keys: its last change stands in
			return (key != null) ? key : Files.getLastModifiedTime(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + file, ex);
		}
	}

	private static String sha256(byte[] content) {
		return HexFormat.of().formatHex(BatchFiles.digest().digest(content));
	}

	/**
	 * The file that holds an archived document and where its pages are in it.
	 *
	 * @param file the file
	 * @param firstPage the document's first page in it (0-based)
	 * @param pages its page count, or -1 when the document is the whole file
	 */
	public record Pages(Path file, int firstPage, int pages) {

		public boolean shared() {
			return this.pages >= 0;
		}

	}

}
