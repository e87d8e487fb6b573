package io.tidings.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites neutral RGB colours (red, green and blue equal: black and greys) as grey
 * levels, so that a press prints black text with black ink alone. An RGB black goes
 * through the printer's colour conversion and comes out as a mix of all four inks, which
 * blurs small type when the plates are not perfectly aligned.
 */
final class NeutralColours {

	private NeutralColours() {
	}

	/**
	 * Rewrites every page's neutral colours and leaves every page's content compressed,
	 * also a page drawn uncompressed with nothing to rewrite.
	 */
	static void asGrey(PDDocument pdf) throws IOException {
		for (PDPage page : pdf.getPages()) {
			COSBase drawn = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
			boolean compressed = isCompressed(drawn);
			byte[] rewritten = null;
			// a page drawn in one stream (what openhtmltopdf writes) is rewritten byte by
			// byte: parsing it into objects and writing them again cost a tenth of the
			// render stage
			if (drawn instanceof COSStream) {
				byte[] content;
				try (InputStream in = page.getContents()) {
					content = in.readAllBytes();
				}
				rewritten = rewritten(content);
				if (rewritten == content && compressed) {
					continue;
				}
			}
			PDStream contents = new PDStream(pdf);
			if (rewritten != null) {
				try (OutputStream out = contents.createOutputStream(COSName.FLATE_DECODE)) {
					out.write(rewritten);
				}
			}
			else {
				List<Object> tokens = new PDFStreamParser(page).parse();
				List<Object> parsed = rewritten(tokens);
				boolean unchanged = parsed.size() == tokens.size();
				if (unchanged && compressed) {
					continue;
				}
				try (OutputStream out = contents.createOutputStream(COSName.FLATE_DECODE)) {
					if (unchanged) {
						try (InputStream in = page.getContents()) {
							in.transferTo(out);
						}
					}
					else {
						new ContentStreamWriter(out).writeTokens(parsed);
					}
				}
			}
			page.setContents(contents);
		}
	}

	private static boolean isCompressed(@Nullable COSBase contents) {
		if (contents instanceof COSStream stream) {
			return stream.getFilters() != null;
		}
		if (contents instanceof COSArray streams) {
			for (int i = 0; i < streams.size(); i++) {
				if (!isCompressed(streams.getObject(i))) {
					return false;
				}
			}
		}
		return true;
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

	/**
	 * A content stream with every {@code v v v rg} (and {@code RG}) replaced by
	 * {@code v g} (and {@code G}), the rest byte for byte as it was.
	 * @return the rewritten content; the same array when there was nothing to rewrite;
	 * {@code null} when the content holds an inline image, whose binary data only the
	 * parser steps over safely
	 */
	static byte @Nullable [] rewritten(byte[] content) {
		ContentTokens tokens = new ContentTokens(content);
		ByteArrayOutputStream out = null;
		int copied = 0;
		while (tokens.next()) {
			if (!tokens.isOperator()) {
				continue;
			}
			if (tokens.is("BI")) {
				return null;
			}
			boolean fill = tokens.is("rg");
			if ((fill || tokens.is("RG")) && tokens.neutralOperands()) {
				if (out == null) {
					out = new ByteArrayOutputStream(content.length);
				}
				int first = tokens.operandStart(3);
				out.write(content, copied, first - copied);
				out.write(content, first, tokens.operandEnd(3) - first);
				out.write(fill ? " g".getBytes(StandardCharsets.US_ASCII) : " G".getBytes(StandardCharsets.US_ASCII), 0,
						2);
				copied = tokens.end();
			}
		}
		if (out == null) {
			return content;
		}
		out.write(content, copied, content.length - copied);
		return out.toByteArray();
	}

	private static boolean isRgb(Operator operator) {
		return operator.getName().equals("rg") || operator.getName().equals("RG");
	}

	/**
	 * The tokens of a content stream, as far as finding colour operators needs: strings,
	 * names, arrays, dictionaries and comments are stepped over, and the last three
	 * tokens before each one are remembered.
	 */
	private static final class ContentTokens {

		private final byte[] content;

		private int position;

		private int start;

		private int end;

		private boolean operator;

		/** Start, end and value of the last tokens, the latest at index 0. */
		private final int[] starts = new int[4];

		private final int[] ends = new int[4];

		private final float[] values = new float[4];

		private final boolean[] numbers = new boolean[4];

		ContentTokens(byte[] content) {
			this.content = content;
		}

		boolean next() {
			remember();
			while (this.position < this.content.length && isWhitespace(this.content[this.position])) {
				this.position++;
			}
			if (this.position >= this.content.length) {
				return false;
			}
			this.start = this.position;
			this.operator = false;
			byte first = this.content[this.position];
			switch (first) {
				case '(' -> skipLiteralString();
				case '<' -> {
					if (peek(1) == '<') {
						this.position += 2;
					}
					else {
						skipTo((byte) '>');
					}
				}
				case '>' -> this.position += (peek(1) == '>') ? 2 : 1;
				case '[', ']', '{', '}' -> this.position++;
				case '%' -> {
					while (this.position < this.content.length && this.content[this.position] != '\n'
							&& this.content[this.position] != '\r') {
						this.position++;
					}
				}
				case '/' -> {
					this.position++;
					skipRegular();
				}
				default -> {
					skipRegular();
					// a stray delimiter (a lone closing parenthesis) is a token of its
					// own
					this.position = Math.max(this.position, this.start + 1);
					this.operator = true;
				}
			}
			this.end = this.position;
			if (this.operator && isNumber()) {
				this.operator = false;
				this.numbers[0] = true;
				this.values[0] = Float.parseFloat(text());
			}
			else {
				this.numbers[0] = false;
			}
			this.starts[0] = this.start;
			this.ends[0] = this.end;
			return true;
		}

		boolean isOperator() {
			return this.operator;
		}

		boolean is(String name) {
			if (this.end - this.start != name.length()) {
				return false;
			}
			for (int i = 0; i < name.length(); i++) {
				if (this.content[this.start + i] != name.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		/** Whether the three tokens before this one are numbers, all equal. */
		boolean neutralOperands() {
			return this.numbers[1] && this.numbers[2] && this.numbers[3] && this.values[1] == this.values[2]
					&& this.values[2] == this.values[3];
		}

		int operandStart(int back) {
			return this.starts[back];
		}

		int operandEnd(int back) {
			return this.ends[back];
		}

		int end() {
			return this.end;
		}

		private void remember() {
			for (int i = this.starts.length - 1; i > 0; i--) {
				this.starts[i] = this.starts[i - 1];
				this.ends[i] = this.ends[i - 1];
				this.values[i] = this.values[i - 1];
				this.numbers[i] = this.numbers[i - 1];
			}
		}

		private boolean isNumber() {
			boolean digits = false;
			for (int i = this.start; i < this.end; i++) {
				byte b = this.content[i];
				if (b >= '0' && b <= '9') {
					digits = true;
				}
				else if (!(b == '.' || ((b == '-' || b == '+') && i == this.start))) {
					return false;
				}
			}
			return digits;
		}

		private String text() {
			return new String(this.content, this.start, this.end - this.start, StandardCharsets.US_ASCII);
		}

		private void skipLiteralString() {
			int depth = 0;
			while (this.position < this.content.length) {
				byte b = this.content[this.position++];
				if (b == '\\') {
					this.position++;
				}
				else if (b == '(') {
					depth++;
				}
				else if (b == ')' && --depth == 0) {
					return;
				}
			}
		}

		private void skipTo(byte last) {
			while (this.position < this.content.length && this.content[this.position++] != last) {
				// stepping over the token
			}
		}

		private void skipRegular() {
			while (this.position < this.content.length && !isWhitespace(this.content[this.position])
					&& !isDelimiter(this.content[this.position])) {
				this.position++;
			}
		}

		private int peek(int ahead) {
			return (this.position + ahead < this.content.length) ? this.content[this.position + ahead] : -1;
		}

		private static boolean isWhitespace(byte b) {
			return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
		}

		private static boolean isDelimiter(byte b) {
			return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
					|| b == '/' || b == '%';
		}

	}

}
