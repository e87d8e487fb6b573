package io.tidings.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The TrueType fonts of a template folder ({@code fonts/*.ttf}), parsed once, with their
 * family, weight and style read from the font files, and which characters they can draw.
 * The parsed fonts are reused by every document (only the glyphs a document uses are
 * embedded in it); a parsed font reads its file lazily, so one catalog serves one
 * rendering thread at a time.
 */
final class FontCatalog {

	private final List<FontFile> fonts;

	private FontCatalog(List<FontFile> fonts) {
		this.fonts = fonts;
	}

	static FontCatalog load(Path templatesRoot) {
		Path folder = templatesRoot.resolve("fonts");
		List<FontFile> fonts = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return new FontCatalog(fonts);
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(FontCatalog::isTrueType).sorted().toList()) {
				TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
				// Latin, Greek, Cyrillic and CJK need no glyph substitution, and PDFBox
				// compiles a pattern of the font's ligatures for every string it draws
				// with GSUB on: more than half of the time a document took.
				font.setEnableGsub(false);
				String family = font.getNaming().getFontFamily();
				int weight = (font.getOS2Windows() != null) ? font.getOS2Windows().getWeightClass() : 400;
				boolean italic = (font.getOS2Windows() != null) && (font.getOS2Windows().getFsSelection() & 1) != 0;
				fonts.add(new FontFile(file, font, font.getName(), family, weight, italic, font.getUnicodeCmapLookup(),
						font.getUnitsPerEm()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the fonts in " + folder, ex);
		}
		return new FontCatalog(List.copyOf(fonts));
	}

	private static boolean isTrueType(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttf");
	}

	List<FontFile> fonts() {
		return this.fonts;
	}

	/**
	 * Whether at least one font has a glyph for the character.
	 */
	boolean canDraw(int codePoint) {
		for (FontFile font : this.fonts) {
			if (font.cmap().getGlyphId(codePoint) > 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The width of a text in points, each character drawn by the first of the families
	 * (in their regular style) that has it, as CSS font fallback does.
	 * @return the width, or -1 when a character is in none of the families
	 */
	double width(String text, List<String> families, double sizeInPoints) throws IOException {
		double units = 0;
		for (int codePoint : text.codePoints().toArray()) {
			FontFile font = firstWith(codePoint, families);
			if (font == null) {
				if (Character.isWhitespace(codePoint)) {
					continue;
				}
				return -1;
			}
			units += font.font().getAdvanceWidth(font.cmap().getGlyphId(codePoint)) * 1000.0 / font.unitsPerEm();
		}
		return units * sizeInPoints / 1000.0;
	}

	private FontFile firstWith(int codePoint, List<String> families) {
		for (String family : families) {
			for (FontFile font : this.fonts) {
				if (font.family().equalsIgnoreCase(family) && font.weight() < 600 && !font.italic()
						&& font.cmap().getGlyphId(codePoint) > 0) {
					return font;
				}
			}
		}
		return null;
	}

	/**
	 * The file of the font with a PostScript name, as embedded fonts name it.
	 */
	Optional<Path> file(String postScriptName) {
		return this.fonts.stream()
			.filter(font -> postScriptName.equals(font.postScriptName()))
			.map(FontFile::file)
			.findFirst();
	}

	record FontFile(Path file, TrueTypeFont font, String postScriptName, String family, int weight, boolean italic,
			CmapLookup cmap, int unitsPerEm) {
	}

}
