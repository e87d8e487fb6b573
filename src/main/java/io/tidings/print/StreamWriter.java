package io.tidings.print;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jspecify.annotations.Nullable;

/**
 * Writes one print stream straight to its file, document by document: the pages of each
 * archived PDF become form XObjects placed on the pages of the stream, with blank backs
 * where the sheet layout wants them, inserter marks on the front of every sheet, and a
 * carrier sheet and a copy mark for recipients' copies.
 * <p>
 * Memory stays flat however large the run: each archived PDF is opened, the objects its
 * pages use (content, fonts, images) are copied to the file as they are, compressed bytes
 * included, and it is closed before the next. What stays in memory is the position of
 * every object written and the list of pages (a few bytes each), until the page tree and
 * cross-reference table close the file. (Assembling the stream as a PDFBox document
 * instead keeps a buffer of at least 4 KiB per copied stream object in memory until it is
 * saved: half a gigabyte for a few thousand documents.)
 */
final class StreamWriter {

	private static final int PAGES = 1;

	private static final int CATALOG = 2;

	private static final int INFO = 3;

	/** Keys that point up or out of what a page draws; never followed when copying. */
	private static final Set<COSName> NOT_COPIED = Set.of(COSName.PARENT, COSName.STRUCT_PARENT, COSName.STRUCT_PARENTS,
			COSName.P);

	private final Output out;

	private final SheetLayout layout;

	private final InserterMarks marks;

	private long[] offsets = new long[1024];

	private int lastObject = INFO;

	private int[] pages = new int[256];

	private int pageCount;

	private int documents;

	private final Map<String, Integer> stamps = new HashMap<>();

	StreamWriter(OutputStream target, boolean duplexJob, InserterMarks marks) throws IOException {
		this.out = new Output(new BufferedOutputStream(target, 1 << 16));
		this.layout = new SheetLayout(duplexJob);
		this.marks = marks;
		this.out.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
	}

	/**
	 * Adds a document (or a recipient's copy of it) after the previous one.
	 * @param document the archived PDF
	 * @param expectedPages its page count as the ledger knows it
	 * @param duplex whether its kind is printed on both sides
	 * @param envelopeId its envelope
	 * @param envelopeSheets sheets in that envelope
	 * @param copy for a copy: the recipient's code, carrier sheet and copy mark
	 * @return where its pages are in the stream
	 */
	SheetLayout.Placement add(Path document, int expectedPages, boolean duplex, String envelopeId, int envelopeSheets,
			@Nullable Copy copy) throws IOException {
		try (PDDocument source = Loader.loadPDF(new RandomAccessReadBufferedFile(document.toFile()))) {
			if (source.getNumberOfPages() != expectedPages) {
				throw new IOException(document.getFileName() + " has " + source.getNumberOfPages()
						+ " pages, the ledger says " + expectedPages);
			}
			SheetLayout.Placement placement = this.layout.next(envelopeId, expectedPages, duplex, copy != null);
			Integer stamp = (copy != null) ? stamp(copy) : null;
			PDRectangle size = source.getPage(0).getMediaBox();
			Copier copier = new Copier();
			for (SheetLayout.Side side : placement.sides()) {
				Integer form = null;
				if (side.content() >= 0) {
					PDPage page = source.getPage(side.content());
					size = page.getMediaBox();
					form = copier.form(page);
				}
				else if (side.content() == SheetLayout.Side.CARRIER && copy != null) {
					form = formOf(copy.carrierPdf());
				}
				String marksOnPage = side.front() ? this.marks.operators(size.getHeight(),
						new InserterCode(envelopeId, side.sheet(), envelopeSheets)) : "";
				page(size, form, (form != null && stamp != null && side.content() >= 0) ? stamp : null, marksOnPage);
			}
			this.documents++;
			return placement;
		}
	}

	int documents() {
		return this.documents;
	}

	int pages() {
		return this.pageCount;
	}

	/**
	 * Writes the page tree, catalog and cross-reference table that close the file.
	 */
	void finish() throws IOException {
		begin(PAGES);
		StringBuilder kids = new StringBuilder("<< /Type /Pages /Count ").append(this.pageCount).append(" /Kids [");
		for (int i = 0; i < this.pageCount; i++) {
			kids.append(i % 16 == 0 ? "\n" : " ").append(this.pages[i]).append(" 0 R");
		}
		this.out.ascii(kids.append("\n] >>").toString());
		end();
		begin(CATALOG);
		this.out.ascii("<< /Type /Catalog /Pages " + PAGES + " 0 R >>");
		end();
		begin(INFO);
		this.out.ascii("<< /Producer (Tidings) >>");
		end();
		long xref = this.out.position();
		StringBuilder table = new StringBuilder("xref\n0 ").append(this.lastObject + 1)
			.append("\n0000000000 65535 f \n");
		for (int number = 1; number <= this.lastObject; number++) {
			table.append(String.format(Locale.ROOT, "%010d 00000 n \n", this.offsets[number]));
		}
		String id = fileId();
		table.append("trailer\n<< /Size ")
			.append(this.lastObject + 1)
			.append(" /Root " + CATALOG + " 0 R /Info " + INFO + " 0 R /ID [<")
			.append(id)
			.append("> <")
			.append(id)
			.append(">] >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		this.out.ascii(table.toString());
		this.out.flush();
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
			contents = allocate();
			begin(contents);
			byte[] bytes = content.toString().getBytes(StandardCharsets.US_ASCII);
			this.out.ascii("<< /Length " + bytes.length + " >>\nstream\n");
			this.out.write(bytes);
			this.out.ascii("\nendstream");
			end();
		}
		int page = allocate();
		begin(page);
		this.out.ascii("<< /Type /Page /Parent " + PAGES + " 0 R /MediaBox [" + number(size.getLowerLeftX()) + " "
				+ number(size.getLowerLeftY()) + " " + number(size.getUpperRightX()) + " "
				+ number(size.getUpperRightY()) + "] /Resources << "
				+ (xobjects.isEmpty() ? "" : "/XObject <<" + xobjects + " >> ") + ">>"
				+ ((contents > 0) ? " /Contents " + contents + " 0 R" : "") + " >>");
		end();
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
			return new Copier().form(document.getPage(0));
		}
	}

	private int allocate() {
		this.lastObject++;
		if (this.lastObject >= this.offsets.length) {
			this.offsets = Arrays.copyOf(this.offsets, this.offsets.length * 2);
		}
		return this.lastObject;
	}

	private void begin(int number) throws IOException {
		this.offsets[number] = this.out.position();
		this.out.ascii(number + " 0 obj\n");
	}

	private void end() throws IOException {
		this.out.ascii("\nendobj\n");
	}

	private String fileId() {
		try {
			MessageDigest digest = MessageDigest.getInstance("MD5");
			digest.update(Long.toString(this.out.position()).getBytes(StandardCharsets.US_ASCII));
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

	private static String number(float value) {
		return (value == Math.rint(value)) ? Long.toString((long) value)
				: String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
	}

	/**
	 * Copies the objects of one source document, each once, under new numbers.
	 */
	private final class Copier {

		private final Map<COSBase, Integer> numbers = new IdentityHashMap<>();

		private final Deque<COSBase> pending = new ArrayDeque<>();

		/**
		 * Writes a page of the source as a form XObject, with everything it uses.
		 * @return the form's object number
		 */
		int form(PDPage page) throws IOException {
			byte[] content;
			COSName filter = null;
			COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
			if (contents instanceof COSStream single) {
				try (InputStream in = single.createRawInputStream()) {
					content = in.readAllBytes();
				}
				COSBase declared = single.getDictionaryObject(COSName.FILTER);
				if (declared instanceof COSName name) {
					filter = name;
				}
				else if (declared != null) {
					content = decoded(single);
				}
			}
			else {
				ByteArrayOutputStream joined = new ByteArrayOutputStream();
				if (contents instanceof COSArray parts) {
					for (COSBase part : parts) {
						COSBase stream = (part instanceof COSObject reference) ? reference.getObject() : part;
						if (stream instanceof COSStream partStream) {
							joined.write(decoded(partStream));
							joined.write('\n');
						}
					}
				}
				content = joined.toByteArray();
			}
			PDRectangle box = page.getMediaBox();
			int form = allocate();
			begin(form);
			StringBuilder dictionary = new StringBuilder("<< /Type /XObject /Subtype /Form /BBox [")
				.append(number(box.getLowerLeftX()))
				.append(' ')
				.append(number(box.getLowerLeftY()))
				.append(' ')
				.append(number(box.getUpperRightX()))
				.append(' ')
				.append(number(box.getUpperRightY()))
				.append("] /Length ")
				.append(content.length);
			if (filter != null) {
				dictionary.append(" /Filter /").append(filter.getName());
			}
			StreamWriter.this.out.ascii(dictionary.append(" /Resources ").toString());
			COSBase resources = page.getCOSObject().getItem(COSName.RESOURCES);
			if (resources == null) {
				StreamWriter.this.out.ascii("<< >>");
			}
			else {
				value(resources);
			}
			StreamWriter.this.out.ascii(" >>\nstream\n");
			StreamWriter.this.out.write(content);
			StreamWriter.this.out.ascii("\nendstream");
			end();
			drain();
			return form;
		}

		private byte[] decoded(COSStream stream) throws IOException {
			try (InputStream in = stream.createInputStream()) {
				return in.readAllBytes();
			}
		}

		private void drain() throws IOException {
			while (!this.pending.isEmpty()) {
				COSBase object = this.pending.poll();
				begin(this.numbers.get(object));
				if (object instanceof COSStream stream) {
					stream(stream);
				}
				else {
					value(object);
				}
				end();
			}
		}

		private void stream(COSStream stream) throws IOException {
			byte[] raw;
			try (InputStream in = stream.createRawInputStream()) {
				raw = in.readAllBytes();
			}
			Output output = StreamWriter.this.out;
			output.ascii("<<");
			for (Map.Entry<COSName, COSBase> entry : stream.entrySet()) {
				if (entry.getKey().equals(COSName.LENGTH) || NOT_COPIED.contains(entry.getKey())) {
					continue;
				}
				output.ascii(" ");
				entry.getKey().writePDF(output);
				output.ascii(" ");
				value(entry.getValue());
			}
			output.ascii(" /Length " + raw.length + " >>\nstream\n");
			output.write(raw);
			output.ascii("\nendstream");
		}

		private int reference(COSBase target) {
			Integer number = this.numbers.get(target);
			if (number == null) {
				number = allocate();
				this.numbers.put(target, number);
				this.pending.add(target);
			}
			return number;
		}

		private void value(COSBase value) throws IOException {
			Output output = StreamWriter.this.out;
			if (value instanceof COSObject reference) {
				COSBase target = reference.getObject();
				output.ascii((target == null || target instanceof COSNull) ? "null" : reference(target) + " 0 R");
			}
			else if (value instanceof COSStream stream) {
				output.ascii(reference(stream) + " 0 R");
			}
			else if (value instanceof COSDictionary dictionary) {
				output.ascii("<<");
				for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
					if (NOT_COPIED.contains(entry.getKey())) {
						continue;
					}
					output.ascii(" ");
					entry.getKey().writePDF(output);
					output.ascii(" ");
					value(entry.getValue());
				}
				output.ascii(" >>");
			}
			else if (value instanceof COSArray array) {
				output.ascii("[");
				for (COSBase item : array) {
					output.ascii(" ");
					value((item != null) ? item : COSNull.NULL);
				}
				output.ascii(" ]");
			}
			else if (value instanceof COSString string) {
				COSWriter.writeString(string, output);
			}
			else if (value instanceof COSName name) {
				name.writePDF(output);
			}
			else if (value instanceof COSInteger integer) {
				integer.writePDF(output);
			}
			else if (value instanceof COSFloat real) {
				real.writePDF(output);
			}
			else if (value instanceof COSBoolean bool) {
				bool.writePDF(output);
			}
			else {
				output.ascii("null");
			}
		}

	}

	/**
	 * The file being written, counting the bytes so that every object's offset is known.
	 */
	private static final class Output extends OutputStream {

		private final OutputStream target;

		private long position;

		Output(OutputStream target) {
			this.target = target;
		}

		long position() {
			return this.position;
		}

		void ascii(String text) throws IOException {
			write(text.getBytes(StandardCharsets.ISO_8859_1));
		}

		@Override
		public void write(int b) throws IOException {
			this.target.write(b);
			this.position++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.target.write(bytes, offset, length);
			this.position += length;
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
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
