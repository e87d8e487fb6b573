package io.tidings.print;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * The inserter marks on the front of a sheet, as vector shapes in solid black inside the
 * clear zone: a DataMatrix code ({@link InserterCode}), or OMR bars; and the envelope id
 * in the address window of an envelope's first sheet.
 */
final class InserterMarks {

	static final float POINTS_PER_MM = 72f / 25.4f;

	/** OMR bars: 1/6 inch apart, 0.5 mm thick, as most inserter readers expect. */
	static final float OMR_PITCH_MM = 25.4f / 6;

	static final float OMR_BAR_MM = 0.5f;

	/** OMR track positions. */
	static final int OMR_START = 0;

	static final int OMR_LAST_SHEET = 1;

	static final int OMR_SEQUENCE = 2;

	static final int OMR_PARITY = 5;

	static final int OMR_STOP = 6;

	private final PrintSettings.Marks kind;

	private final PrintSettings.ClearZone zone;

	private final PrintSettings.WindowCode window;

	private final DataMatrixWriter dataMatrix = new DataMatrixWriter();

	InserterMarks(PrintSettings.Marks kind, PrintSettings.ClearZone zone, PrintSettings.WindowCode window) {
		this.kind = kind;
		this.zone = zone;
		this.window = window;
	}

	/**
	 * The marks of one sheet as PDF content stream operators, in page coordinates.
	 * @param pageHeight height of the page in points
	 */
	String operators(float pageHeight, InserterCode code) {
		return switch (this.kind) {
			case DATAMATRIX -> dataMatrix(pageHeight, code.text(), this.zone.x(), this.zone.y(), this.zone.width());
			case OMR -> omr(pageHeight, code);
			case NONE -> "";
		};
	}

	/**
	 * The envelope id in the address window, as PDF content stream operators in page
	 * coordinates; for the front of an envelope's first sheet.
	 * @param pageHeight height of the page in points
	 */
	String windowCode(float pageHeight, String envelopeId) {
		return this.window.enabled()
				? dataMatrix(pageHeight, envelopeId, this.window.x(), this.window.y(), this.window.size()) : "";
	}

	/**
	 * A square DataMatrix code, quiet zone included, in millimetres from the page's
	 * top-left corner.
	 */
	private String dataMatrix(float pageHeight, String text, double leftMm, double topMm, double size) {
		BitMatrix matrix = this.dataMatrix.encode(text, BarcodeFormat.DATA_MATRIX, 0, 0,
				Map.of(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE));
		// one module of quiet zone on each side
		float module = (float) size * POINTS_PER_MM / (matrix.getWidth() + 2);
		float left = (float) leftMm * POINTS_PER_MM + module;
		float top = pageHeight - (float) topMm * POINTS_PER_MM - module;
		StringBuilder operators = new StringBuilder("q 0 g\n");
		for (int y = 0; y < matrix.getHeight(); y++) {
			int x = 0;
			while (x < matrix.getWidth()) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int run = x;
				while (run < matrix.getWidth() && matrix.get(run, y)) {
					run++;
				}
				// one rectangle per run of dark modules in a row
				rectangle(operators, left + x * module, top - (y + 1) * module, (run - x) * module, module);
				x = run;
			}
		}
		return operators.append("f Q\n").toString();
	}

	private String omr(float pageHeight, InserterCode code) {
		boolean[] marks = omrMarks(code.sheet(), code.sheets());
		float left = (float) this.zone.x() * POINTS_PER_MM;
		float width = (float) this.zone.width() * POINTS_PER_MM;
		StringBuilder operators = new StringBuilder("q 0 g\n");
		for (int position = 0; position < marks.length; position++) {
			if (marks[position]) {
				float centre = (float) (this.zone.y() + OMR_PITCH_MM * (position + 0.5)) * POINTS_PER_MM;
				rectangle(operators, left, pageHeight - centre - OMR_BAR_MM * POINTS_PER_MM / 2, width,
						OMR_BAR_MM * POINTS_PER_MM);
			}
		}
		return operators.append("f Q\n").toString();
	}

	private static void rectangle(StringBuilder operators, float x, float y, float width, float height) {
		number(operators, x).append(' ');
		number(operators, y).append(' ');
		number(operators, width).append(' ');
		number(operators, height).append(" re\n");
	}

	/**
	 * A number with three decimals, as {@code %.3f} writes it; String.format took half
	 * the time of assembling a print stream.
	 */
	static StringBuilder number(StringBuilder operators, float value) {
		long thousandths = Math.round(Math.abs((double) value) * 1000);
		if (value < 0 && thousandths != 0) {
			operators.append('-');
		}
		operators.append(thousandths / 1000).append('.');
		long fraction = thousandths % 1000;
		if (fraction < 100) {
			operators.append('0');
		}
		if (fraction < 10) {
			operators.append('0');
		}
		return operators.append(fraction);
	}

	/**
	 * Which OMR positions carry a bar: start and stop always, the end-of-envelope bar on
	 * an envelope's last sheet, the sheet number modulo 8 in three bits (so a missing or
	 * doubled sheet shows), and a parity bar that makes the number of bars even.
	 */
	static boolean[] omrMarks(int sheet, int sheets) {
		boolean[] marks = new boolean[OMR_STOP + 1];
		marks[OMR_START] = true;
		marks[OMR_LAST_SHEET] = sheet == sheets;
		int sequence = sheet % 8;
		for (int bit = 0; bit < 3; bit++) {
			marks[OMR_SEQUENCE + bit] = ((sequence >> (2 - bit)) & 1) == 1;
		}
		marks[OMR_STOP] = true;
		int count = 0;
		for (boolean mark : marks) {
			count += mark ? 1 : 0;
		}
		marks[OMR_PARITY] = count % 2 == 1;
		return marks;
	}

}
