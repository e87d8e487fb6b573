package io.tidings.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import io.tidings.outbox.DocumentModel;

/**
 * The benchmark's reference: draws the content of the statement template (letterhead,
 * address block, summary, transactions, offer, footer) straight onto a PDF page with
 * PDFBox, at fixed positions, with the same fonts embedded and subset. What an engine
 * without templates or layout would cost; one instance per thread.
 */
public final class ReferenceStatementRenderer {

	private static final float MM = 72f / 25.4f;

	private final TrueTypeFont regular;

	private final TrueTypeFont bold;

	private final TrueTypeFont fallback;

	private final DecimalFormat amounts = new DecimalFormat(",##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));

	public ReferenceStatementRenderer(Path templatesRoot) {
		this.regular = font(templatesRoot.resolve("fonts/NotoSans-Regular.ttf"));
		this.bold = font(templatesRoot.resolve("fonts/NotoSans-Bold.ttf"));
		this.fallback = font(templatesRoot.resolve("fonts/DroidSansFallbackFull.ttf"));
	}

	private static TrueTypeFont font(Path file) {
		try {
			TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
			font.setEnableGsub(false);
			return font;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	public byte[] render(DocumentModel model) {
		Map<String, Object> values = model.values();
		Map<String, Object> customer = (Map<String, Object>) values.get("customer");
		Map<String, Object> address = (Map<String, Object>) customer.get("address");
		Map<String, Object> sender = (Map<String, Object>) values.get("sender");
		Map<String, Object> statement = (Map<String, Object>) values.get("statement");
		Map<String, Object> communication = (Map<String, Object>) values.get("communication");
		try (PDDocument document = new PDDocument()) {
			Fonts fonts = new Fonts(document);
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			float top = PDRectangle.A4.getHeight() - 18 * MM;
			float left = 20 * MM;
			float right = PDRectangle.A4.getWidth() - 18 * MM;
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				Text text = new Text(content, fonts);
				text.show(fonts.bold, 16, left, top - 16, (String) sender.get("name"));
				text.show(fonts.regular, 7.5f, left, top - 28,
						String.join(" · ", (List<String>) sender.get("address")) + " · " + sender.get("phone"));
				content.setLineWidth(0.6f);
				content.moveTo(left, top - 24 * MM);
				content.lineTo(right, top - 24 * MM);
				content.stroke();
				float y = top - 34 * MM;
				text.show(fonts.regular, 6.5f, left, y, (String) sender.get("name"));
				y -= 14;
				String salutation = (String) customer.get("salutation");
				text.show(fonts.regular, 10, left, y,
						(salutation.isEmpty() ? "" : salutation + " ") + customer.get("fullName"));
				text.show(fonts.regular, 10, left, y - 13, (String) address.get("line1"));
				text.show(fonts.regular, 10, left, y - 26, address.get("postcode") + " " + address.get("city"));
				text.show(fonts.regular, 10, left, y - 39, (String) address.get("countryName"));
				y = top - 70 * MM;
				text.show(fonts.bold, 13, left, y, "Account statement");
				text.show(fonts.regular, 8.5f, left, y - 14, "Period: " + statement.get("periodStart") + " – "
						+ statement.get("periodEnd") + " · Customer number: " + customer.get("id"));
				y -= 34;
				for (String[] line : new String[][] { { "Opening balance", "openingBalance" },
						{ "Money in", "credits" }, { "Money out", "debits" },
						{ "Closing balance", "closingBalance" } }) {
					text.show(fonts.regular, 9.5f, left, y, line[0]);
					text.right(fonts.regular, 9.5f, right, y, this.amounts.format(statement.get(line[1])));
					y -= 13;
				}
				y -= 10;
				text.show(fonts.bold, 8, left, y, "Date");
				text.show(fonts.bold, 8, left + 45 * MM, y, "Description");
				text.right(fonts.bold, 8, right, y, "Amount");
				y -= 4;
				for (Map<String, Object> row : (List<Map<String, Object>>) statement.get("transactions")) {
					content.setLineWidth(0.3f);
					content.moveTo(left, y);
					content.lineTo(right, y);
					content.stroke();
					y -= 12;
					text.show(fonts.regular, 9.5f, left, y, (String) row.get("date"));
					text.show(fonts.regular, 9.5f, left + 45 * MM, y, (String) row.get("description"));
					text.right(fonts.regular, 9.5f, right, y, this.amounts.format((BigDecimal) row.get("amount")));
					y -= 4;
				}
				y -= 20;
				content.addRect(left, y - 40, right - left, 48);
				content.stroke();
				text.show(fonts.bold, 11, left + 5 * MM, y - 6, "Especially for you: Earn more on your savings");
				text.show(fonts.regular, 9.5f, left + 5 * MM, y - 20, "Lock in a fixed rate for 12 months.");
				text.show(fonts.bold, 9.5f, left + 5 * MM, y - 33, "Open a term deposit in the app or at any branch");
				text.show(fonts.regular, 7, left, 12 * MM, "Reference: " + communication.get("id"));
				text.right(fonts.regular, 8, right, 12 * MM, "1 / 1");
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The fonts of one document, loaded into it when first used, as the Tidings renderer
	 * does.
	 */
	private final class Fonts {

		private final PDDocument document;

		private final Lazy regular = new Lazy(ReferenceStatementRenderer.this.regular);

		private final Lazy bold = new Lazy(ReferenceStatementRenderer.this.bold);

		private final Lazy fallback = new Lazy(ReferenceStatementRenderer.this.fallback);

		Fonts(PDDocument document) {
			this.document = document;
		}

		private final class Lazy {

			private final TrueTypeFont file;

			private final CmapLookup cmap;

			private PDFont font;

			Lazy(TrueTypeFont file) {
				this.file = file;
				try {
					this.cmap = file.getUnicodeCmapLookup();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

			PDFont get() throws IOException {
				if (this.font == null) {
					this.font = PDType0Font.load(Fonts.this.document, this.file, true);
				}
				return this.font;
			}

			boolean has(int codePoint) {
				return codePoint == ' ' || this.cmap.getGlyphId(codePoint) > 0;
			}

		}

	}

	/**
	 * Draws a line of text in runs: each character in the first of the font and the
	 * fallback font that has it, as CSS font fallback does.
	 */
	private static final class Text {

		private final PDPageContentStream content;

		private final Fonts fonts;

		Text(PDPageContentStream content, Fonts fonts) {
			this.content = content;
			this.fonts = fonts;
		}

		void show(Fonts.Lazy font, float size, float x, float y, String text) throws IOException {
			float at = x;
			int start = 0;
			while (start < text.length()) {
				Fonts.Lazy runFont = font.has(text.codePointAt(start)) ? font : this.fonts.fallback;
				int end = start;
				while (end < text.length() && (runFont == font) == font.has(text.codePointAt(end))) {
					end += Character.charCount(text.codePointAt(end));
				}
				String run = text.substring(start, end);
				PDFont chosen = runFont.get();
				this.content.beginText();
				this.content.setFont(chosen, size);
				this.content.newLineAtOffset(at, y);
				this.content.showText(run);
				this.content.endText();
				at += chosen.getStringWidth(run) / 1000 * size;
				start = end;
			}
		}

		void right(Fonts.Lazy font, float size, float x, float y, String text) throws IOException {
			show(font, size, x - font.get().getStringWidth(text) / 1000 * size, y, text);
		}

	}

}
