package io.tidings.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The TrueType fonts of a template folder ({@code fonts/*.ttf}), parsed once, with their
 * family, weight and style read from the font files, and which characters they can draw.
 * The parsed fonts are reused by every document (only the glyphs a document uses are
 * embedded in it); they are read by one rendering thread at a time.
 */
final class FontCatalog {

	private final List<FontFile> fonts;

	private final List<CmapLookup> coverage;

	private FontCatalog(List<FontFile> fonts, List<CmapLookup> coverage) {
		this.fonts = fonts;
		this.coverage = coverage;
	}

	static FontCatalog load(Path templatesRoot) {
		Path folder = templatesRoot.resolve("fonts");
		List<FontFile> fonts = new ArrayList<>();
		List<CmapLookup> coverage = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return new FontCatalog(fonts, coverage);
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(FontCatalog::isTrueType).sorted().toList()) {
				TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
				String family = font.getNaming().getFontFamily();
				int weight = (font.getOS2Windows() != null) ? font.getOS2Windows().getWeightClass() : 400;
				boolean italic = (font.getOS2Windows() != null) && (font.getOS2Windows().getFsSelection() & 1) != 0;
				fonts.add(new FontFile(font, family, weight, italic));
				coverage.add(font.getUnicodeCmapLookup());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the fonts in " + folder, ex);
		}
		return new FontCatalog(List.copyOf(fonts), List.copyOf(coverage));
	}

	private static boolean isTrueType(Path file) {
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return name.endsWith(".ttf");
	}

	List<FontFile> fonts() {
		return this.fonts;
	}

	/**
	 * Whether at least one font has a glyph for the character.
	 */
	boolean canDraw(int codePoint) {
		for (CmapLookup lookup : this.coverage) {
			if (lookup.getGlyphId(codePoint) > 0) {
				return true;
			}
		}
		return false;
	}

	record FontFile(TrueTypeFont font, String family, int weight, boolean italic) {
	}

}
