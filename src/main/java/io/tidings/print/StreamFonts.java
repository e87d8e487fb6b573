package io.tidings.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import static io.tidings.print.PdfObjectWriter.number;

/**
 * Embeds each font once per print stream. Every archived document carries its own subset
 * of a font, with the glyphs it uses; copied as they are, a stream of thousands of
 * documents would carry thousands of nearly equal fonts. PDFBox keeps a subset's
 * character codes equal to the glyph numbers of the whole font (its {@code CIDToGIDMap}
 * maps them to the subset's), so the documents' page content stays valid when their fonts
 * give way to one font per stream: a subset of the template folder's font file with the
 * glyphs of all the stream's documents, their widths and text mappings merged.
 * <p>
 * A font that is not such a subset, or whose file in the template folder is not the one
 * the document was rendered with (its {@code head} table says when the file was made and
 * which revision it is), is copied with the document as before.
 */
final class StreamFonts {

	/** The tables PDFBox embeds for a subset: what drawing glyphs needs. */
	private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx",
			"fpgm", "gasp");

	private static final Pattern SUBSET_NAME = Pattern.compile("[A-Z]{6}\\+.+");

	private final PdfObjectWriter objects;

	private final Function<String, Optional<Path>> fontFiles;

	private final Map<String, Optional<FontProgram>> programs = new HashMap<>();

	private final Map<FontProgram, SharedFont> fonts = new LinkedHashMap<>();

	/**
	 * What each font of a batch's file stands for, once its glyphs are in: the documents
	 * of a batch share its fonts, and come to a stream one by one from a file read again
	 * for each of them, in presort order.
	 */
	private final Map<FileFont, OptionalInt> fontsOfBatchFiles = new HashMap<>();

	/**
	 * @param objects the stream's objects
	 * @param fontFiles the font file of the templates with a PostScript name
	 */
	StreamFonts(PdfObjectWriter objects, Function<String, Optional<Path>> fontFiles) {
		this.objects = objects;
		this.fontFiles = fontFiles;
	}

	/**
	 * The stream's font that stands for a font of a document, the document's glyphs added
	 * to it.
	 * @param file the file the document is in, when its fonts are shared with other
	 * documents of that file (a batch's file)
	 * @return its object number, or empty when the document's font must be copied
	 */
	OptionalInt shared(COSDictionary font, @Nullable Path file) throws IOException {
		String baseFont = font.getNameAsString(COSName.BASE_FONT);
		if (file == null || baseFont == null) {
			return sharedFont(font);
		}
		// a batch's file holds one font object a template's font file, subset once for
		// all
		// its documents' glyphs (an erasure writes the file again without subsetting it
		// again): what its first document added to the stream's font covers the others
		FileFont key = new FileFont(file, baseFont, String.valueOf(font.getNameAsString(COSName.SUBTYPE)));
		OptionalInt known = this.fontsOfBatchFiles.get(key);
		if (known == null) {
			known = sharedFont(font);
			this.fontsOfBatchFiles.put(key, known);
		}
		return known;
	}

	private OptionalInt sharedFont(COSDictionary font) throws IOException {
		if (!COSName.TYPE0.equals(font.getCOSName(COSName.SUBTYPE))
				|| !COSName.IDENTITY_H.equals(font.getCOSName(COSName.ENCODING))
				|| !(font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants)
				|| descendants.size() != 1 || !(descendants.getObject(0) instanceof COSDictionary cidFont)
				|| !COSName.CID_FONT_TYPE2.equals(cidFont.getCOSName(COSName.SUBTYPE))
				|| !(cidFont.getDictionaryObject(COSName.CID_TO_GID_MAP) instanceof COSStream cidToGid)
				|| !(cidFont.getDictionaryObject(COSName.FONT_DESC) instanceof COSDictionary descriptor)
				|| !(descriptor.getDictionaryObject(COSName.FONT_FILE2) instanceof COSStream subset)) {
			return OptionalInt.empty();
		}
		String baseFont = font.getNameAsString(COSName.BASE_FONT);
		if (baseFont == null || !SUBSET_NAME.matcher(baseFont).matches()) {
			return OptionalInt.empty();
		}
		Optional<FontProgram> program = this.programs.computeIfAbsent(baseFont.substring(7), this::program);
		if (program.isEmpty() || !Arrays.equals(program.get().head(), FontHeads.fingerprint(subset))) {
			return OptionalInt.empty();
		}
		SharedFont shared = this.fonts.computeIfAbsent(program.get(),
				key -> new SharedFont(this.objects.allocate(), key, descriptor, cidFont));
		shared.add(decoded(cidToGid), cidFont.getDictionaryObject(COSName.W),
				font.getDictionaryObject(COSName.TO_UNICODE));
		return OptionalInt.of(shared.number);
	}

	/**
	 * Writes the stream's fonts; call once, after the last document.
	 */
	void finish() throws IOException {
		for (SharedFont font : this.fonts.values()) {
			font.write(this.objects);
		}
	}

	int embedded() {
		return this.fonts.size();
	}

	private Optional<FontProgram> program(String postScriptName) {
		return this.fontFiles.apply(postScriptName).map(file -> {
			try {
				byte[] bytes = Files.readAllBytes(file);
				return new FontProgram(postScriptName, bytes, FontHeads.fingerprint(bytes));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read font file " + file, ex);
			}
		});
	}

	private static byte[] decoded(COSStream stream) throws IOException {
		try (InputStream in = stream.createInputStream()) {
			return in.readAllBytes();
		}
	}

	private record FileFont(Path file, String baseFont, String subtype) {
	}

	/**
	 * A font file of the templates.
	 */
	private record FontProgram(String postScriptName, byte[] bytes, byte[] head) {

		@Override
		public boolean equals(Object other) {
			return other instanceof FontProgram that && this.postScriptName.equals(that.postScriptName)
					&& Arrays.equals(this.head, that.head);
		}

		@Override
		public int hashCode() {
			return this.postScriptName.hashCode() * 31 + Arrays.hashCode(this.head);
		}

	}

	/**
	 * One font of the stream: the glyphs, widths and text of every document that uses it.
	 */
	private static final class SharedFont {

		private final int number;

		private final FontProgram program;

		private final COSDictionary descriptor = new COSDictionary();

		private final BitSet glyphs = new BitSet();

		private final Map<Integer, Float> widths = new TreeMap<>();

		private final Map<Integer, String> text = new HashMap<>();

		private final float defaultWidth;

		SharedFont(int number, FontProgram program, COSDictionary descriptor, COSDictionary cidFont) {
			this.number = number;
			this.program = program;
			for (Map.Entry<COSName, COSBase> entry : descriptor.entrySet()) {
				if (entry.getValue() instanceof COSNumber || entry.getValue() instanceof COSName
						|| entry.getValue() instanceof COSArray) {
					this.descriptor.setItem(entry.getKey(), entry.getValue());
				}
			}
			this.descriptor.removeItem(COSName.FONT_NAME);
			this.defaultWidth = (cidFont.getDictionaryObject(COSName.DW) instanceof COSNumber width)
					? width.floatValue() : 1000;
		}

		/**
		 * Adds a document's glyphs (its character codes are glyph numbers of the whole
		 * font), their widths and the text they stand for.
		 */
		void add(byte[] cidToGid, COSBase widthArray, COSBase toUnicode) throws IOException {
			BitSet added = new BitSet();
			for (int cid = 0; 2 * cid + 1 < cidToGid.length; cid++) {
				if ((cid == 0 || FontHeads.unsigned16(cidToGid, 2 * cid) != 0) && !this.glyphs.get(cid)) {
					added.set(cid);
				}
			}
			if (added.isEmpty()) {
				return;
			}
			this.glyphs.or(added);
			if (widthArray instanceof COSArray array) {
				addWidths(array, added);
			}
			if (toUnicode instanceof COSStream stream) {
				CMap cmap = new CMapParser().parse(new RandomAccessReadBuffer(decoded(stream)));
				added.stream().forEach(cid -> {
					String unicode = cmap.toUnicode(cid, 2);
					if (unicode != null) {
						this.text.put(cid, unicode);
					}
				});
			}
		}

		private void addWidths(COSArray array, BitSet added) {
			int i = 0;
			while (i + 1 < array.size()) {
				int first = ((COSNumber) array.getObject(i)).intValue();
				if (array.getObject(i + 1) instanceof COSArray each) {
					for (int j = 0; j < each.size(); j++) {
						width(first + j, each.getObject(j), added);
					}
					i += 2;
				}
				else if (i + 2 < array.size()) {
					int last = ((COSNumber) array.getObject(i + 1)).intValue();
					for (int cid = first; cid <= last; cid++) {
						width(cid, array.getObject(i + 2), added);
					}
					i += 3;
				}
				else {
					return;
				}
			}
		}

		private void width(int cid, COSBase width, BitSet added) {
			if (added.get(cid) && width instanceof COSNumber value) {
				this.widths.put(cid, value.floatValue());
			}
		}

		void write(PdfObjectWriter objects) throws IOException {
			TrueTypeFont font = new TTFParser(true).parse(new RandomAccessReadBuffer(this.program.bytes()));
			TTFSubsetter subsetter = new TTFSubsetter(font, TABLES);
			Set<Integer> used = this.glyphs.stream().boxed().collect(Collectors.toSet());
			subsetter.addGlyphIds(used);
			ByteArrayOutputStream subset = new ByteArrayOutputStream();
			subsetter.writeToStream(subset);
			byte[] cidToGid = new byte[2 * (this.glyphs.length())];
			subsetter.getGIDMap().forEach((newGid, oldGid) -> {
				if (2 * oldGid + 1 < cidToGid.length) {
					cidToGid[2 * oldGid] = (byte) (newGid >> 8);
					cidToGid[2 * oldGid + 1] = newGid.byteValue();
				}
			});
			font.close();
			String name = tag(used) + "+" + this.program.postScriptName();
			int fontFile = objects.allocate();
			int cidToGidMap = objects.allocate();
			int toUnicode = objects.allocate();
			int descriptor = objects.allocate();
			int cidFont = objects.allocate();
			objects.compressedStream(fontFile, subset.toByteArray(), " /Length1 " + subset.size());
			objects.compressedStream(cidToGidMap, cidToGid, "");
			objects.compressedStream(toUnicode, toUnicodeCMap().getBytes(StandardCharsets.US_ASCII), "");
			objects.begin(descriptor);
			StringBuilder entries = new StringBuilder("<< /FontName /").append(name);
			for (Map.Entry<COSName, COSBase> entry : this.descriptor.entrySet()) {
				entries.append(" /").append(entry.getKey().getName()).append(' ').append(direct(entry.getValue()));
			}
			objects.ascii(entries.append(" /FontFile2 ").append(fontFile).append(" 0 R >>").toString());
			objects.end();
			objects.begin(cidFont);
			objects.ascii("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + name
					+ " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
					+ descriptor + " 0 R /DW " + number(this.defaultWidth) + " /W " + widthArray() + " /CIDToGIDMap "
					+ cidToGidMap + " 0 R >>");
			objects.end();
			objects.begin(this.number);
			objects
				.ascii("<< /Type /Font /Subtype /Type0 /BaseFont /" + name + " /Encoding /Identity-H /DescendantFonts ["
						+ cidFont + " 0 R] /ToUnicode " + toUnicode + " 0 R >>");
			objects.end();
		}

		private String widthArray() {
			StringBuilder array = new StringBuilder("[");
			int previous = -2;
			for (Map.Entry<Integer, Float> width : this.widths.entrySet()) {
				if (width.getKey() != previous + 1) {
					array.append((previous < 0) ? "" : "]").append(' ').append(width.getKey()).append(" [");
				}
				else {
					array.append(' ');
				}
				array.append(number(width.getValue()));
				previous = width.getKey();
			}
			return array.append((previous < 0) ? "]" : "]]").toString();
		}

		private String toUnicodeCMap() {
			StringBuilder cmap = new StringBuilder("""
					/CIDInit /ProcSet findresource begin
					12 dict begin
					begincmap
					/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
					/CMapName /Adobe-Identity-UCS def
					/CMapType 2 def
					1 begincodespacerange
					<0000> <FFFF>
					endcodespacerange
					""");
			List<Map.Entry<Integer, String>> mappings = new TreeMap<>(this.text).entrySet().stream().toList();
			for (int start = 0; start < mappings.size(); start += 100) {
				List<Map.Entry<Integer, String>> block = mappings.subList(start,
						Math.min(start + 100, mappings.size()));
				cmap.append(block.size()).append(" beginbfchar\n");
				for (Map.Entry<Integer, String> mapping : block) {
					cmap.append(String.format("<%04X> <", mapping.getKey()));
					for (char unit : mapping.getValue().toCharArray()) {
						cmap.append(String.format("%04X", (int) unit));
					}
					cmap.append(">\n");
				}
				cmap.append("endbfchar\n");
			}
			return cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
		}

		/**
		 * Six capital letters naming the subset, from the glyphs it has.
		 */
		private static String tag(Set<Integer> glyphs) {
			long hash = glyphs.stream().sorted().mapToLong(Integer::longValue).reduce(17, (a, b) -> a * 31 + b);
			StringBuilder tag = new StringBuilder();
			for (int i = 0; i < 6; i++) {
				tag.append((char) ('A' + Math.floorMod(hash, 26)));
				hash /= 26;
			}
			return tag.toString();
		}

		private static String direct(COSBase value) {
			if (value instanceof COSNumber numeric) {
				return number(numeric.floatValue());
			}
			if (value instanceof COSName name) {
				return "/" + name.getName();
			}
			if (value instanceof COSArray array) {
				StringBuilder items = new StringBuilder("[");
				for (int i = 0; i < array.size(); i++) {
					items.append(i == 0 ? "" : " ").append(direct(array.getObject(i)));
				}
				return items.append(']').toString();
			}
			return "null";
		}

	}

}
