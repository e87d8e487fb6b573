package io.tidings.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes the numbered objects of a PDF file one after the other and keeps where each
 * starts (a few bytes per object), for the cross-reference table that closes the file.
 */
final class PdfObjectWriter {

	private final CountingOutput out;

	private long[] offsets = new long[1024];

	private int lastObject;

	/**
	 * @param target the file
	 * @param reserved how many object numbers, from 1, the caller keeps for objects it
	 * writes itself
	 */
	PdfObjectWriter(OutputStream target, int reserved) {
		this.out = new CountingOutput(target);
		this.lastObject = reserved;
	}

	/**
	 * Where the objects' bytes go; for writers that take an {@link OutputStream}.
	 */
	CountingOutput output() {
		return this.out;
	}

	long position() {
		return this.out.position();
	}

	void ascii(String text) throws IOException {
		this.out.ascii(text);
	}

	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
	}

	/**
	 * @return a new object number, to be written with {@link #begin} later
	 */
	int allocate() {
		this.lastObject++;
		if (this.lastObject >= this.offsets.length) {
			this.offsets = Arrays.copyOf(this.offsets, this.offsets.length * 2);
		}
		return this.lastObject;
	}

	void begin(int number) throws IOException {
		this.offsets[number] = this.out.position();
		this.out.ascii(number + " 0 obj\n");
	}

	void end() throws IOException {
		this.out.ascii("\nendobj\n");
	}

	/**
	 * Writes a whole stream object, its content compressed.
	 * @param extraEntries more entries of its dictionary, each with a leading space
	 */
	void compressedStream(int number, byte[] content, String extraEntries) throws IOException {
		ByteArrayOutputStream deflated = new ByteArrayOutputStream(content.length / 2 + 64);
		try (OutputStream deflater = new DeflaterOutputStream(deflated)) {
			deflater.write(content);
		}
		begin(number);
		ascii("<< /Filter /FlateDecode /Length " + deflated.size() + extraEntries + " >>\nstream\n");
		write(deflated.toByteArray());
		ascii("\nendstream");
		end();
	}

	/**
	 * Writes the cross-reference table and trailer after the last object, and flushes.
	 * @param root the catalog's object number
	 * @param info the document information's object number
	 * @param id the file identifier, in hex
	 */
	void finish(int root, int info, String id) throws IOException {
		long xref = this.out.position();
		StringBuilder table = new StringBuilder("xref\n0 ").append(this.lastObject + 1)
			.append("\n0000000000 65535 f \n");
		for (int number = 1; number <= this.lastObject; number++) {
			table.append(String.format(Locale.ROOT, "%010d 00000 n \n", this.offsets[number]));
		}
		table.append("trailer\n<< /Size ")
			.append(this.lastObject + 1)
			.append(" /Root " + root + " 0 R /Info " + info + " 0 R /ID [<")
			.append(id)
			.append("> <")
			.append(id)
			.append(">] >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		this.out.ascii(table.toString());
		this.out.flush();
	}

	/**
	 * A number as PDF writes it: whole numbers without a point, others with at most four
	 * decimals.
	 */
	static String number(float value) {
		return (value == Math.rint(value)) ? Long.toString((long) value)
				: String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
	}

}
