package io.tidings.print;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.ScratchFile;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jspecify.annotations.Nullable;

/**
 * Assembles one print stream: the archived PDFs of its documents, in order, each page
 * placed as a form on a page of the stream, with blank backs where the sheet layout wants
 * them, inserter marks on the front of every sheet, and a carrier sheet and copy marks
 * for recipients' copies.
 * <p>
 * Memory stays flat however large the run, and bounded by the stream size: each source
 * PDF is opened, its pages copied into the stream, and closed before the next; the copied
 * page contents and fonts live in a scratch file on disk, so only the object structure of
 * the stream (a few hundred bytes per page) is held in memory until the stream is saved.
 */
final class StreamWriter implements Closeable {

	private static final String COPY_MARK = "COPY";

	private final PDDocument stream;

	private final SheetLayout layout;

	private final InserterMarks marks;

	private final @Nullable Path markFont;

	private @Nullable PDFont copyFont;

	private int documents;

	StreamWriter(boolean duplexJob, InserterMarks marks, @Nullable Path markFont, Path scratchFolder) {
		MemoryUsageSetting scratch = MemoryUsageSetting.setupTempFileOnly().setTempDir(scratchFolder.toFile());
		this.stream = new PDDocument(() -> new ScratchFile(scratch));
		this.stream.getDocumentInformation().setProducer("Tidings");
		this.layout = new SheetLayout(duplexJob);
		this.marks = marks;
		this.markFont = markFont;
	}

	/**
	 * Adds a document (or a recipient's copy of it) after the previous one.
	 * @param document the archived PDF
	 * @param expectedPages its page count as the ledger knows it
	 * @param duplex whether its kind is printed on both sides
	 * @param envelopeId its envelope
	 * @param envelopeSheets sheets in that envelope
	 * @param copy for a copy: the recipient's code and the carrier sheet (a PDF page)
	 * @return where its pages are in the stream
	 */
	SheetLayout.Placement add(Path document, int expectedPages, boolean duplex, String envelopeId, int envelopeSheets,
			@Nullable Copy copy) throws IOException {
		try (PDDocument source = Loader.loadPDF(new RandomAccessReadBufferedFile(document.toFile()));
				PDDocument carrier = (copy != null) ? Loader.loadPDF(copy.carrierPdf()) : null) {
			if (source.getNumberOfPages() != expectedPages) {
				throw new IOException(
						document + " has " + source.getNumberOfPages() + " pages, the ledger says " + expectedPages);
			}
			// a new LayerUtility per source: it remembers every object it copied
			LayerUtility copier = new LayerUtility(this.stream);
			SheetLayout.Placement placement = this.layout.next(envelopeId, expectedPages, duplex, copy != null);
			PDRectangle size = source.getPage(0).getMediaBox();
			for (SheetLayout.Side side : placement.sides()) {
				PDFormXObject form = null;
				if (side.content() >= 0) {
					form = copier.importPageAsForm(source, side.content());
					size = source.getPage(side.content()).getMediaBox();
				}
				else if (side.content() == SheetLayout.Side.CARRIER && carrier != null) {
					form = new LayerUtility(this.stream).importPageAsForm(carrier, 0);
				}
				PDPage page = new PDPage(new PDRectangle(size.getWidth(), size.getHeight()));
				this.stream.addPage(page);
				if (form == null && !side.front()) {
					continue;
				}
				try (PDPageContentStream content = new PDPageContentStream(this.stream, page)) {
					if (form != null) {
						content.drawForm(form);
					}
					if (copy != null && side.content() >= 0) {
						stampCopy(content, page.getMediaBox(), copy.recipient());
					}
					if (side.front()) {
						this.marks.draw(content, page.getMediaBox(),
								new InserterCode(envelopeId, side.sheet(), envelopeSheets));
					}
				}
			}
			this.documents++;
			return placement;
		}
	}

	int documents() {
		return this.documents;
	}

	int pages() {
		return this.stream.getNumberOfPages();
	}

	void save(OutputStream out) throws IOException {
		this.stream.save(out, CompressParameters.NO_COMPRESSION);
	}

	@Override
	public void close() throws IOException {
		this.stream.close();
	}

	private void stampCopy(PDPageContentStream content, PDRectangle page, String recipient) throws IOException {
		if (this.copyFont == null) {
			if (this.markFont == null) {
				throw new IOException(
						"No font to mark copies with: add a TrueType font to the templates' fonts folder");
			}
			this.copyFont = PDType0Font.load(this.stream, this.markFont.toFile());
		}
		float size = 9;
		String text = COPY_MARK + " · " + recipient;
		float width = this.copyFont.getStringWidth(text) / 1000 * size;
		content.beginText();
		content.setFont(this.copyFont, size);
		content.setNonStrokingColor(0.35f);
		content.newLineAtOffset(page.getWidth() - width - 18 * InserterMarks.POINTS_PER_MM,
				page.getHeight() - 8 * InserterMarks.POINTS_PER_MM);
		content.showText(text);
		content.endText();
	}

	/**
	 * A recipient's copy.
	 *
	 * @param recipient the recipient's code
	 * @param carrierPdf a one-page PDF with the recipient's address in the window
	 */
	record Copy(String recipient, byte[] carrierPdf) {
	}

}
