package io.tidings.archive;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.jspecify.annotations.Nullable;

/**
 * A PDF/A file holding the printed documents of a render batch, their fonts and output
 * intent once: how the archive keeps printed documents. Each document's first page
 * carries, in its page-piece dictionary ({@code /PieceInfo /Tidings /Private}, PDF 1.3),
 * what the document needs to be taken out as a PDF/A file of its own: its page count, its
 * document information, its XMP packet and its language. A document's SHA-256 is that of
 * its pages' contents as drawn (each page's content streams, decoded, in order), which
 * the file keeps however it is saved again.
 */
public final class BatchFiles {

	private static final COSName PIECE = COSName.getPDFName("Tidings");

	private static final COSName PAGES = COSName.getPDFName("Pages");

	private static final Set<COSName> KEPT_BY_A_BLANK_PAGE = Set.of(COSName.TYPE, COSName.PARENT);

	private BatchFiles() {
	}

	/**
	 * Marks pages of a batch's PDF as one document, for taking it out alone later.
	 * @param batch the batch, laid out
	 * @param firstPage its first page (0-based)
	 * @param pages its page count
	 * @param information its document information
	 * @param xmp its XMP packet, as a file of its own would carry it
	 * @param language its language
	 * @return the SHA-256 of its pages' contents
	 */
	public static String addDocument(PDDocument batch, int firstPage, int pages, PDDocumentInformation information,
			byte[] xmp, String language) throws IOException {
		PDMetadata metadata = new PDMetadata(batch);
		metadata.importXMPMetadata(xmp);
		COSDictionary document = new COSDictionary();
		document.setInt(PAGES, pages);
		document.setItem(COSName.INFO, information.getCOSObject());
		document.setItem(COSName.METADATA, metadata);
		document.setString(COSName.LANG, language);
		Calendar created = information.getCreationDate();
		COSDictionary data = new COSDictionary();
		data.setDate(COSName.LAST_MODIFIED, created);
		data.setItem(COSName.PRIVATE, document);
		COSDictionary pieces = new COSDictionary();
		pieces.setItem(PIECE, data);
		COSDictionary page = batch.getPage(firstPage).getCOSObject();
		page.setItem(COSName.PIECE_INFO, pieces);
		page.setDate(COSName.LAST_MODIFIED, created);
		return sha256(batch, firstPage, pages);
	}

	/**
	 * How many pages the document that starts on a page has, as its batch file says.
	 * @return empty when no document starts there (or it was erased)
	 */
	public static OptionalInt pages(PDPage firstPage) {
		COSDictionary document = document(firstPage);
		return (document != null) ? OptionalInt.of(document.getInt(PAGES)) : OptionalInt.empty();
	}

	/**
	 * A document of a batch file as a PDF/A file of its own: its pages, its metadata and
	 * the batch's output intent. The same document gives the same bytes every time.
	 * @return empty when no document starts at that page (it was erased)
	 */
	static byte @Nullable [] extract(Path file, ArchiveLocation location) throws IOException {
		try (PDDocument batch = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()));
				PDDocument document = new PDDocument()) {
			if (location.firstPage() + location.pages() > batch.getNumberOfPages()) {
				throw new IOException(file.getFileName() + " has " + batch.getNumberOfPages() + " pages, not pages "
						+ (location.firstPage() + 1) + "-" + (location.firstPage() + location.pages()));
			}
			COSDictionary described = document(batch.getPage(location.firstPage()));
			if (described == null) {
				return null;
			}
			if (described.getInt(PAGES) != location.pages()) {
				throw new IOException(file.getFileName() + ": the document at page " + (location.firstPage() + 1)
						+ " has " + described.getInt(PAGES) + " pages, the ledger says " + location.pages());
			}
			document.setVersion(batch.getVersion());
			PDDocumentCatalog from = batch.getDocumentCatalog();
			PDDocumentCatalog to = document.getDocumentCatalog();
			for (PDOutputIntent intent : from.getOutputIntents()) {
				to.addOutputIntent(intent);
			}
			document.setDocumentInformation(
					new PDDocumentInformation((COSDictionary) described.getDictionaryObject(COSName.INFO)));
			to.setMetadata(new PDMetadata((COSStream) described.getDictionaryObject(COSName.METADATA)));
			to.setLanguage(described.getString(COSName.LANG));
			for (int i = location.firstPage(); i < location.firstPage() + location.pages(); i++) {
				PDPage page = batch.getPage(i);
				// what a page inherits from the batch's page tree goes with it
				page.setMediaBox(page.getMediaBox());
				page.setResources(page.getResources());
				page.getCOSObject().removeItem(COSName.PIECE_INFO);
				page.getCOSObject().removeItem(COSName.LAST_MODIFIED);
				document.addPage(page);
			}
			// PDF/A wants a file identifier; one made from the location, not the clock,
			// keeps the bytes the same
			byte[] id = digest().digest(ArchiveLocation.of(location.file(), location.firstPage(), location.pages())
				.getBytes(StandardCharsets.UTF_8));
			COSString identifier = new COSString(Arrays.copyOf(id, 16));
			COSArray ids = new COSArray();
			ids.add(identifier);
			ids.add(identifier);
			document.getDocument().getTrailer().setItem(COSName.ID, ids);
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
	}

	/**
	 * Erases documents from a batch file: their pages are left blank (so that the other
	 * documents' pages keep their numbers) and what described them is removed.
	 * @param file the file, read through the channel that holds its lock: opening and
	 * closing it again would let go of the lock (a process's locks on a file go with any
	 * of its descriptors of that file)
	 * @param firstPages the first page (0-based) of each document erased
	 * @return the file's contents afterwards, or null when no document is left in it
	 */
	static byte @Nullable [] erase(FileChannel file, Collection<Integer> firstPages) throws IOException {
		ByteBuffer content = ByteBuffer.allocate(Math.toIntExact(file.size()));
		while (content.hasRemaining()) {
			if (file.read(content, content.position()) < 0) {
				throw new EOFException("A batch's file ended before its size was read");
			}
		}
		try (PDDocument batch = Loader.loadPDF(content.array())) {
			for (int first : firstPages) {
				if (first >= batch.getNumberOfPages()) {
					continue;
				}
				PDPage start = batch.getPage(first);
				OptionalInt pages = pages(start);
				if (pages.isEmpty()) {
					continue;
				}
				for (int i = first; i < Math.min(first + pages.getAsInt(), batch.getNumberOfPages()); i++) {
					blank(batch, batch.getPage(i));
				}
			}
			boolean anyLeft = false;
			for (PDPage page : batch.getPages()) {
				anyLeft |= document(page) != null;
			}
			if (!anyLeft) {
				return null;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
			batch.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
	}

	/**
	 * Leaves a page blank: nothing of what it drew or linked to stays (its annotations'
	 * links, its metadata), only its size and its place in the page tree.
	 */
	private static void blank(PDDocument batch, PDPage page) {
		PDRectangle size = page.getMediaBox();
		COSDictionary dictionary = page.getCOSObject();
		for (COSName key : List.copyOf(dictionary.keySet())) {
			if (!KEPT_BY_A_BLANK_PAGE.contains(key)) {
				dictionary.removeItem(key);
			}
		}
		page.setMediaBox(size);
		page.setContents(new PDStream(batch));
		page.setResources(new PDResources());
	}

	/**
	 * The SHA-256 of a document's pages' contents: each page's content streams, decoded,
	 * in order.
	 */
	public static String sha256(PDDocument pdf, int firstPage, int pages) throws IOException {
		MessageDigest digest = digest();
		for (int i = firstPage; i < firstPage + pages; i++) {
			try (InputStream contents = new DigestInputStream(pdf.getPage(i).getContents(), digest)) {
				contents.transferTo(OutputStream.nullOutputStream());
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static @Nullable COSDictionary document(PDPage page) {
		if (page.getCOSObject().getDictionaryObject(COSName.PIECE_INFO) instanceof COSDictionary pieces
				&& pieces.getDictionaryObject(PIECE) instanceof COSDictionary data
				&& data.getDictionaryObject(COSName.PRIVATE) instanceof COSDictionary document) {
			return document;
		}
		return null;
	}

	static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
