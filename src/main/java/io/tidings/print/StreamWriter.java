package io.tidings.print;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.tidings.archive.BatchFiles;
import io.tidings.archive.DocumentArchive;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jspecify.annotations.Nullable;

import static io.tidings.print.PdfObjectWriter.number;

/**
 * Writes one print stream straight to its file, document by document: the pages of each
 * archived PDF become form XObjects placed on the pages of the stream, with blank backs
 * where the sheet layout wants them, inserter marks on the front of every sheet, the
 * envelope id in the address window of each envelope's first sheet, and a carrier sheet
 * and a copy mark for recipients' copies.
 * <p>
 * The stream takes the output intent of its first document, and embeds each font once
 * ({@link StreamFonts}) instead of once per document. Like the documents it is made of,
 * it is PDF/A-2b (untagged: its pages are read on paper).
 * <p>
 * Memory stays flat however large the run: each archived PDF is opened, the objects its
 * pages use (content, images) are copied to the file as they are, compressed bytes
 * included, and it is closed before the next (a batch's file once a few other batch files
 * have been read after it); of its fonts, the stream keeps which glyphs were used. What
 * stays in memory is the position of every object written and the list of pages (a few
 * bytes each), until the page tree and cross-reference table close the file. (Assembling
 * the stream as a PDFBox document instead keeps a buffer of at least 4 KiB per copied
 * stream object in memory until it is saved: half a gigabyte for a few thousand
 * documents.)
 */
final class StreamWriter {

	private static final int PAGES = 1;

	private static final int CATALOG = 2;

	private static final int INFO = 3;

	/**
	 * Enough for the render stage's partitions side by side (two a render thread) on up
	 * to eight processors, or for eight scale-out partitions, each holding its own
	 * stretch of the postal order.
	 */
	private static final int OPEN_BATCH_FILES = 16;

	/** The XMP metadata of every stream: what PDF/A asks of it, and the producer. */
	private static final byte[] METADATA = """
			<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
			<x:xmpmeta xmlns:x="adobe:ns:meta/">
			<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
			<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
			<pdf:Producer>Tidings</pdf:Producer>
			<pdfaid:part>2</pdfaid:part>
			<pdfaid:conformance>B</pdfaid:conformance>
			</rdf:Description>
			</rdf:RDF>
			</x:xmpmeta>
			<?xpacket end="r"?>"""
		.getBytes(StandardCharsets.UTF_8);

	private final PdfObjectWriter objects;

	private final SheetLayout layout;

	private final InserterMarks marks;

	private int[] pages = new int[256];

	private int pageCount;

	private int documents;

	private final Map<String, Integer> stamps = new HashMap<>();

	private final StreamFonts fonts;

	private int outputIntents;

	/**
	 * Batches' files most recently read from, kept open for their next documents: the
	 * render stage takes documents in their customers' postal order, so the documents of
	 * a batch's file follow one another in presort order, or nearly (one file open for
	 * each render partition's part of the postal order).
	 */
	private final Map<Path, PDDocument> batches = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * @param target the file
	 * @param duplexJob whether the job prints on both sides of the sheet
	 * @param marks the inserter marks
	 * @param fontFiles the templates' font file with a PostScript name, to embed each
	 * font once for the stream
	 */
	StreamWriter(OutputStream target, boolean duplexJob, InserterMarks marks,
			Function<String, Optional<Path>> fontFiles) throws IOException {
		this.objects = new PdfObjectWriter(new BufferedOutputStream(target, 1 << 16), INFO);
		this.layout = new SheetLayout(duplexJob);
		this.marks = marks;
		this.fonts = new StreamFonts(this.objects, fontFiles);
		this.objects.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
	}

	/**
	 * Adds a document (or a recipient's copy of it) after the previous one.
	 * @param document the archived PDF, or the file of its batch and where it is in it
	 * @param expectedPages its page count as the ledger knows it
	 * @param duplex whether its kind is printed on both sides
	 * @param envelopeId its envelope
	 * @param envelopeSheets sheets in that envelope
	 * @param copy for a copy: the recipient's code, carrier sheet and copy mark
	 * @return where its pages are in the stream
	 */
	SheetLayout.Placement add(DocumentArchive.Pages document, int expectedPages, boolean duplex, String envelopeId,
			int envelopeSheets, @Nullable Copy copy) throws IOException {
		PDDocument source = open(document);
		try {
			int first = document.firstPage();
			int pages = pages(source, document);
			if (pages != expectedPages) {
				throw new IOException(
						document.file().getFileName() + (document.shared() ? " at page " + (first + 1) : "") + " has "
								+ pages + " pages, the ledger says " + expectedPages);
			}
			SheetLayout.Placement placement = this.layout.next(envelopeId, expectedPages, duplex, copy != null);
			Integer stamp = (copy != null) ? stamp(copy) : null;
			PDRectangle size = source.getPage(first).getMediaBox();
			PageCopier copier = new PageCopier(this.objects, this.fonts, document.shared() ? document.file() : null);
			if (this.outputIntents == 0
					&& source.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.OUTPUT_INTENTS) != null) {
				this.outputIntents = copier
					.object(source.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.OUTPUT_INTENTS));
			}
			for (SheetLayout.Side side : placement.sides()) {
				Integer form = null;
				if (side.content() >= 0) {
					PDPage page = source.getPage(first + side.content());
					size = page.getMediaBox();
					form = copier.form(page);
				}
				else if (side.content() == SheetLayout.Side.CARRIER && copy != null) {
					form = formOf(copy.carrierPdf());
				}
				String marksOnPage = "";
				if (side.front()) {
					marksOnPage = this.marks.operators(size.getHeight(),
							new InserterCode(envelopeId, side.sheet(), envelopeSheets));
					if (side.sheet() == 1) {
						marksOnPage += this.marks.windowCode(size.getHeight(), envelopeId);
					}
				}
				page(size, form, (form != null && stamp != null && side.content() >= 0) ? stamp : null, marksOnPage);
			}
			this.documents++;
			return placement;
		}
		finally {
			if (!document.shared()) {
				source.close();
			}
		}
	}

	/**
	 * Opens the file of a document: one of its own from the disk as it is read, the file
	 * of a batch read whole (it is parsed faster from memory) and kept open for the next
	 * documents, up to {@value #OPEN_BATCH_FILES} files.
	 */
	private PDDocument open(DocumentArchive.Pages document) throws IOException {
		if (!document.shared()) {
			return Loader.loadPDF(new RandomAccessReadBufferedFile(document.file().toFile()));
		}
		PDDocument open = this.batches.get(document.file());
		if (open != null) {
			return open;
		}
		if (this.batches.size() >= OPEN_BATCH_FILES) {
			Iterator<PDDocument> leastRecent = this.batches.values().iterator();
			leastRecent.next().close();
			leastRecent.remove();
		}
		PDDocument batch = Loader.loadPDF(Files.readAllBytes(document.file()));
		this.batches.put(document.file(), batch);
		return batch;
	}

	private void closeBatches() throws IOException {
		IOException failure = null;
		for (PDDocument batch : this.batches.values()) {
			try {
				batch.close();
			}
			catch (IOException ex) {
				failure = ex;
			}
		}
		this.batches.clear();
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * How many pages a document has: its file's, or as the file of its batch describes it
	 * (none when it was erased).
	 */
	private static int pages(PDDocument source, DocumentArchive.Pages document) {
		if (!document.shared()) {
			return source.getNumberOfPages();
		}
		if (document.firstPage() >= source.getNumberOfPages()) {
			return 0;
		}
		return BatchFiles.pages(source.getPage(document.firstPage())).orElse(0);
	}

	int documents() {
		return this.documents;
	}

	int pages() {
		return this.pageCount;
	}

	/**
	 * How many fonts the stream embeds; after {@link #finish}.
	 */
	int fonts() {
		return this.fonts.embedded();
	}

	/**
	 * Writes the page tree, catalog and cross-reference table that close the file.
	 */
	void finish() throws IOException {
		closeBatches();
		this.fonts.finish();
		this.objects.begin(PAGES);
		StringBuilder kids = new StringBuilder("<< /Type /Pages /Count ").append(this.pageCount).append(" /Kids [");
		for (int i = 0; i < this.pageCount; i++) {
			kids.append(i % 16 == 0 ? "\n" : " ").append(this.pages[i]).append(" 0 R");
		}
		this.objects.ascii(kids.append("\n] >>").toString());
		this.objects.end();
		int metadata = this.objects.allocate();
		this.objects.begin(metadata);
		// PDF/A wants the metadata readable without a filter
		this.objects.ascii("<< /Type /Metadata /Subtype /XML /Length " + METADATA.length + " >>\nstream\n");
		this.objects.write(METADATA);
		this.objects.ascii("\nendstream");
		this.objects.end();
		this.objects.begin(CATALOG);
		this.objects.ascii("<< /Type /Catalog /Pages " + PAGES + " 0 R /Metadata " + metadata + " 0 R"
				+ ((this.outputIntents > 0) ? " /OutputIntents " + this.outputIntents + " 0 R" : "") + " >>");
		this.objects.end();
		this.objects.begin(INFO);
		this.objects.ascii("<< /Producer (Tidings) >>");
		this.objects.end();
		this.objects.finish(CATALOG, INFO, fileId());
	}

	private void page(PDRectangle size, @Nullable Integer form, @Nullable Integer stamp, String marksOnPage)
			throws IOException {
		StringBuilder content = new StringBuilder();
		StringBuilder xobjects = new StringBuilder();
		if (form != null) {
			content.append("q /P Do Q\n");
			xobjects.append(" /P ").append(form).append(" 0 R");
		}
		if (stamp != null) {
			content.append("q /S Do Q\n");
			xobjects.append(" /S ").append(stamp).append(" 0 R");
		}
		content.append(marksOnPage);
		int contents = 0;
		if (content.length() > 0) {
			contents = this.objects.allocate();
			this.objects.compressedStream(contents, content.toString().getBytes(StandardCharsets.US_ASCII), "");
		}
		int page = this.objects.allocate();
		this.objects.begin(page);
		this.objects.ascii("<< /Type /Page /Parent " + PAGES + " 0 R /MediaBox [" + number(size.getLowerLeftX()) + " "
				+ number(size.getLowerLeftY()) + " " + number(size.getUpperRightX()) + " "
				+ number(size.getUpperRightY()) + "] /Resources << "
				+ (xobjects.isEmpty() ? "" : "/XObject <<" + xobjects + " >> ") + ">>"
				+ ((contents > 0) ? " /Contents " + contents + " 0 R" : "") + " >>");
		this.objects.end();
		if (this.pageCount == this.pages.length) {
			this.pages = Arrays.copyOf(this.pages, this.pages.length * 2);
		}
		this.pages[this.pageCount++] = page;
	}

	/**
	 * The copy mark of a recipient, written once per stream.
	 */
	private int stamp(Copy copy) throws IOException {
		Integer written = this.stamps.get(copy.recipient());
		if (written == null) {
			written = formOf(copy.stampPdf());
			this.stamps.put(copy.recipient(), written);
		}
		return written;
	}

	private int formOf(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PageCopier(this.objects, this.fonts, null).form(document.getPage(0));
		}
	}

	private String fileId() {
		try {
			MessageDigest digest = MessageDigest.getInstance("MD5");
			digest.update(Long.toString(this.objects.position()).getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < this.pageCount; i++) {
				digest.update((byte) this.pages[i]);
			}
			digest.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().withUpperCase().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is required by the Java platform", ex);
		}
	}

	/**
	 * A recipient's copy.
	 *
	 * @param recipient the recipient's code
	 * @param carrierPdf a one-page PDF with the recipient's address in the window
	 * @param stampPdf a one-page PDF with the copy mark, drawn over every page of the
	 * copy
	 */
	record Copy(String recipient, byte[] carrierPdf, byte[] stampPdf) {
	}

}
