package io.tidings.print;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads printed pages back the way a print shop's equipment and a reader would: text as
 * PDFBox extracts it, the fonts a page draws with, and the inserter marks as a scanner
 * sees them on the rendered page.
 */
final class PrintedPages {

	static final int DPI = 200;

	private PrintedPages() {
	}

	/**
	 * The text of pages {@code first} to {@code last} (1-based, inclusive).
	 */
	static String text(PDDocument document, int first, int last) throws IOException {
		PDFTextStripper stripper = new PDFTextStripper();
		stripper.setStartPage(first);
		stripper.setEndPage(last);
		return stripper.getText(document);
	}

	/**
	 * Every font a page draws with, in the page's resources and in the forms it draws.
	 */
	static List<PDFont> fonts(PDDocument document, int page) throws IOException {
		List<PDFont> fonts = new ArrayList<>();
		collectFonts(document.getPage(page - 1).getResources(), fonts, 0);
		return fonts;
	}

	private static void collectFonts(PDResources resources, List<PDFont> fonts, int depth) throws IOException {
		if (resources == null || depth > 5) {
			return;
		}
		for (COSName name : resources.getFontNames()) {
			fonts.add(resources.getFont(name));
		}
		for (COSName name : resources.getXObjectNames()) {
			PDXObject object = resources.getXObject(name);
			if (object instanceof PDFormXObject form) {
				collectFonts(form.getResources(), fonts, depth + 1);
			}
		}
	}

	/**
	 * The colour operations ({@code 0 g}, {@code 0.1 0.2 0.3 rg}, ...) of a page and the
	 * forms it draws, in order.
	 */
	static List<String> colours(PDDocument document, int page) throws IOException {
		List<String> colours = new ArrayList<>();
		PDPage source = document.getPage(page - 1);
		collectColours(new PDFStreamParser(source).parse(), colours);
		collectFormColours(source.getResources(), colours, 0);
		return colours;
	}

	private static void collectFormColours(PDResources resources, List<String> colours, int depth) throws IOException {
		if (resources == null || depth > 5) {
			return;
		}
		for (COSName name : resources.getXObjectNames()) {
			if (resources.getXObject(name) instanceof PDFormXObject form) {
				collectColours(new PDFStreamParser(form).parse(), colours);
				collectFormColours(form.getResources(), colours, depth + 1);
			}
		}
	}

	private static void collectColours(List<Object> tokens, List<String> colours) {
		List<String> operands = new ArrayList<>();
		for (Object token : tokens) {
			if (token instanceof Operator operator) {
				if (List.of("g", "G", "rg", "RG", "k", "K").contains(operator.getName())) {
					colours.add(String.join(" ", operands) + " " + operator.getName());
				}
				operands.clear();
			}
			else {
				operands.add((token instanceof COSNumber number)
						? new BigDecimal(Float.toString(number.floatValue())).stripTrailingZeros().toPlainString()
						: String.valueOf(token));
			}
		}
	}

	/**
	 * The page rendered as a scanner sees it.
	 */
	static BufferedImage image(PDDocument document, int page) throws IOException {
		return new PDFRenderer(document).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
	}

	/**
	 * The DataMatrix code in the clear zone of a rendered page, or null when there is
	 * none.
	 */
	static String dataMatrix(BufferedImage page, PrintSettings.ClearZone zone) {
		return dataMatrix(page, DPI, zone.x(), zone.y(), zone.width());
	}

	/**
	 * The DataMatrix code in a square of a page rendered at some resolution (with 3 mm
	 * around it, as a scanner aimed at it sees it), or null when there is none.
	 * @param x left edge of the square in mm
	 * @param y top edge in mm
	 * @param size side in mm
	 */
	static String dataMatrix(BufferedImage page, int dpi, double x, double y, double size) {
		BufferedImage region = region(page, dpi, x, y, size);
		int width = region.getWidth();
		int height = region.getHeight();
		int[] pixels = region.getRGB(0, 0, width, height, null, 0, width);
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
		try {
			return new DataMatrixReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
		}
		catch (NotFoundException ex) {
			return null;
		}
		catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException ex) {
			throw new AssertionError("unreadable DataMatrix code", ex);
		}
	}

	/**
	 * A square of a page rendered at some resolution, with 3 mm around it.
	 */
	static BufferedImage region(BufferedImage page, int dpi, double x, double y, double size) {
		int margin = px(3, dpi);
		int left = Math.max(0, px(x, dpi) - margin);
		int top = Math.max(0, px(y, dpi) - margin);
		int width = Math.min(page.getWidth() - left, px(size, dpi) + 2 * margin);
		int height = Math.min(page.getHeight() - top, px(size, dpi) + 2 * margin);
		return page.getSubimage(left, top, width, height);
	}

	/**
	 * Which OMR track positions of a rendered page carry a bar.
	 */
	static boolean[] omrMarks(BufferedImage page, PrintSettings.ClearZone zone) {
		boolean[] marks = new boolean[InserterMarks.OMR_STOP + 1];
		int x = px(zone.x() + zone.width() / 2);
		for (int position = 0; position < marks.length; position++) {
			int y = px(zone.y() + InserterMarks.OMR_PITCH_MM * (position + 0.5));
			int rgb = page.getRGB(x, y);
			int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
			marks[position] = luminance < 3 * 128;
		}
		return marks;
	}

	static int px(double mm) {
		return px(mm, DPI);
	}

	private static int px(double mm, int dpi) {
		return (int) Math.round(mm / 25.4 * dpi);
	}

}
