package io.tidings.print;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * The fingerprint of a TrueType font's {@code head} table: its revision, units per em,
 * and creation and modification times, which a subset keeps of the file it was made from.
 * A document's embedded font program is inflated only as far as the end of its
 * {@code head} table, and none of the bytes before it are kept: PDFBox writes a subset's
 * tables in tag order, so {@code hhea}, {@code hmtx}, {@code loca}, {@code maxp} and
 * {@code prep} are never decoded.
 */
final class FontHeads {

	private static final byte[] NONE = new byte[0];

	private FontHeads() {
	}

	/**
	 * The fingerprint of a font file; empty when it has no {@code head} table.
	 */
	static byte[] fingerprint(byte[] font) {
		try {
			return fingerprint(new ByteArrayInputStream(font));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The fingerprint of a document's embedded font program; empty when it has no
	 * {@code head} table or cannot be inflated.
	 */
	static byte[] fingerprint(COSStream program) throws IOException {
		try (InputStream in = decoding(program)) {
			return fingerprint(in);
		}
		catch (ZipException ex) {
			return NONE;
		}
	}

	/**
	 * The fingerprint of a font read from a stream, which is read no further than the end
	 * of the {@code head} table.
	 */
	static byte[] fingerprint(InputStream font) throws IOException {
		byte[] header = font.readNBytes(12);
		if (header.length < 12) {
			return NONE;
		}
		byte[] directory = font.readNBytes(16 * unsigned16(header, 4));
		for (int entry = 0; entry + 16 <= directory.length; entry += 16) {
			if (new String(directory, entry, 4, StandardCharsets.ISO_8859_1).equals("head")) {
				long offset = ((long) unsigned16(directory, entry + 8) << 16) | unsigned16(directory, entry + 10);
				long before = offset - header.length - directory.length;
				if (before < 0) {
					return NONE;
				}
				try {
					font.skipNBytes(before);
				}
				catch (EOFException ex) {
					return NONE;
				}
				byte[] head = font.readNBytes(36);
				if (head.length < 36) {
					return NONE;
				}
				byte[] fingerprint = new byte[22];
				System.arraycopy(head, 4, fingerprint, 0, 4);
				System.arraycopy(head, 18, fingerprint, 4, 18);
				return fingerprint;
			}
		}
		return NONE;
	}

	/**
	 * The decoded bytes as they are inflated, for a stream compressed with
	 * {@code FlateDecode} alone: PDFBox's own decoding inflates a whole stream before its
	 * first byte can be read.
	 */
	private static InputStream decoding(COSStream stream) throws IOException {
		COSBase filter = stream.getFilters();
		if (filter instanceof COSArray filters && filters.size() == 1) {
			filter = filters.getObject(0);
		}
		if (COSName.FLATE_DECODE.equals(filter) && stream.getDictionaryObject(COSName.DECODE_PARMS) == null) {
			return new InflaterInputStream(stream.createRawInputStream());
		}
		return stream.createInputStream();
	}

	static int unsigned16(byte[] bytes, int at) {
		return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
	}

}
