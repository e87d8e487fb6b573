package io.tidings.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;

/**
 * Rewrites neutral RGB colours (red, green and blue equal: black and greys) as grey
 * levels, so that a press prints black text with black ink alone. An RGB black goes
 * through the printer's colour conversion and comes out as a mix of all four inks, which
 * blurs small type when the plates are not perfectly aligned.
 */
final class NeutralColours {

	private NeutralColours() {
	}

	static void asGrey(PDDocument pdf) throws IOException {
		for (PDPage page : pdf.getPages()) {
			List<Object> tokens = new PDFStreamParser(page).parse();
			List<Object> rewritten = rewritten(tokens);
			if (rewritten.size() == tokens.size()) {
				continue;
			}
			PDStream contents = new PDStream(pdf);
			try (OutputStream out = contents.createOutputStream(COSName.FLATE_DECODE)) {
				new ContentStreamWriter(out).writeTokens(rewritten);
			}
			page.setContents(contents);
		}
	}

	/**
	 * The tokens with every {@code v v v rg} (and {@code RG}) replaced by {@code v g}
	 * (and {@code G}).
	 */
	static List<Object> rewritten(List<Object> tokens) {
		List<Object> result = new ArrayList<>(tokens.size());
		for (Object token : tokens) {
			int size = result.size();
			if (token instanceof Operator operator && isRgb(operator) && size >= 3
					&& result.get(size - 3) instanceof COSNumber red && result.get(size - 2) instanceof COSNumber green
					&& result.get(size - 1) instanceof COSNumber blue && red.floatValue() == green.floatValue()
					&& green.floatValue() == blue.floatValue()) {
				result.subList(size - 3, size).clear();
				result.add(new COSFloat(red.floatValue()));
				result.add(Operator.getOperator(operator.getName().equals("rg") ? "g" : "G"));
			}
			else {
				result.add(token);
			}
		}
		return result;
	}

	private static boolean isRgb(Operator operator) {
		return operator.getName().equals("rg") || operator.getName().equals("RG");
	}

}
