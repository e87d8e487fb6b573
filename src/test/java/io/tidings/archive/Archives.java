package io.tidings.archive;

import java.nio.file.Path;
import java.util.UUID;

import io.tidings.TidingsHome;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.ComposedDocument;
import org.jspecify.annotations.Nullable;

/**
 * Archives for tests in other packages: a document archived and read back as the ledger's
 * readers get it.
 */
public final class Archives {

	private Archives() {
	}

	public static DocumentArchive in(Path home) {
		TidingsHome tidingsHome = new TidingsHome(home);
		return new DocumentArchive(tidingsHome, new AtomicFiles(tidingsHome));
	}

	/**
	 * A rendered document as the archive gives it back: its own bytes, or taken out of
	 * the file of its batch.
	 * @param content the document's bytes, or its batch's file
	 * @param pages its page count
	 * @param batch where it is in its batch's file, or null
	 */
	public static byte[] asArchived(DocumentArchive archive, byte[] content, int pages,
			ComposedDocument.@Nullable InBatch batch) {
		if (batch == null) {
			return content;
		}
		String file = archive.storeBatch(new CommunicationId(UUID.nameUUIDFromBytes(content).toString()), content);
		return archive.read(DocumentArchive.location(file, batch.firstPage(), pages)).orElseThrow();
	}

}
