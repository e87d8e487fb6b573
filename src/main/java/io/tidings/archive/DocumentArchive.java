package io.tidings.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tidings.TidingsHome;
import io.tidings.outbox.CommunicationId;

import org.springframework.stereotype.Component;

/**
 * Stores documents as {@code archive/<first two characters of the id>/<id>.<ext>}. A
 * document is written to a temporary file and moved into place, so a reader never sees
 * half a document; storing the same id again replaces it (only documents not yet sent are
 * ever re-rendered).
 */
@Component
public class DocumentArchive {

	private final Path root;

	private final AtomicFiles files;

	public DocumentArchive(TidingsHome home, AtomicFiles files) {
		this.root = home.archive();
		this.files = files;
	}

	/**
	 * Stores a document.
	 * @return where it is, relative to the archive root, and its SHA-256
	 */
	public ArchivedDocument store(CommunicationId id, String extension, byte[] content) {
		String relative = id.value().substring(0, 2) + "/" + id.value() + "." + extension;
		Path target = this.root.resolve(relative);
		try {
			this.files.write(target, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot archive document " + id + " at " + target, ex);
		}
		return new ArchivedDocument(relative, sha256(content));
	}

	/**
	 * The absolute path of an archived document.
	 */
	public Path resolve(String relativePath) {
		return this.root.resolve(relativePath);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
