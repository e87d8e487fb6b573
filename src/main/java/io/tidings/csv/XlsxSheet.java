package io.tidings.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.jspecify.annotations.Nullable;
import org.xml.sax.SAXException;

import io.tidings.InvalidInputException;

/**
 * One sheet of an XLSX workbook, read row by row with a pull parser over the sheet's XML
 * (the workbook is never loaded as a whole: a sheet of a million rows streams with flat
 * memory; only the shared strings are held). POI's secure defaults stay: zip bomb limits
 * on the archive, no DTDs or external entities in its XML.
 */
public final class XlsxSheet implements Closeable {

	/** Significant digits of a number as a spreadsheet shows it. */
	private static final MathContext SHOWN = new MathContext(15);

	private final OPCPackage workbook;

	private final String name;

	private final InputStream data;

	private final XMLStreamReader xml;

	private final ReadOnlySharedStringsTable strings;

	private final StylesTable styles;

	private final boolean date1904;

	/** The number of the row read last: the next row's when the sheet leaves it out. */
	private int lastRow;

	private XlsxSheet(OPCPackage workbook, String name, InputStream data, ReadOnlySharedStringsTable strings,
			StylesTable styles, boolean date1904) throws XMLStreamException {
		this.workbook = workbook;
		this.name = name;
		this.data = data;
		this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(data);
		this.strings = strings;
		this.styles = styles;
		this.date1904 = date1904;
	}

	/**
	 * Whether a file is read as a workbook: by its {@code .xlsx} (or {@code .xlsm})
	 * extension.
	 */
	public static boolean isWorkbook(Path file) {
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return name.endsWith(".xlsx") || name.endsWith(".xlsm");
	}

	/**
	 * Opens a sheet of a workbook.
	 * @param sheet the sheet's name, or its number (1 for the first), or {@code null} for
	 * the first sheet
	 * @throws InvalidInputException when the file is not a workbook or has no such sheet
	 */
	public static XlsxSheet open(Path file, @Nullable String sheet) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(file, "file not found");
		}
		OPCPackage workbook;
		try {
			workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (OpenXML4JException | RuntimeException ex) {
			throw new InvalidInputException(file,
					"not an XLSX workbook (" + ex.getMessage() + "); save an .xls file as .xlsx or CSV");
		}
		try {
			XSSFReader reader = new XSSFReader(workbook);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
			StylesTable styles = reader.getStylesTable();
			boolean date1904 = date1904(reader);
			XSSFReader.SheetIterator sheets = reader.getSheetIterator();
			List<String> names = new ArrayList<>();
			while (sheets.hasNext()) {
				InputStream data = sheets.next();
				String name = sheets.getSheetName();
				names.add(name);
				if (sheet == null || sheet.equals(name) || sheet.equals(String.valueOf(names.size()))) {
					return new XlsxSheet(workbook, name, data, strings, styles, date1904);
				}
				data.close();
			}
			throw new InvalidInputException(file, (sheet == null) ? "the workbook has no sheet"
					: "no sheet named or numbered '" + sheet + "' (--sheet); its sheets: " + String.join(", ", names));
		}
		catch (IOException | OpenXML4JException | SAXException | XMLStreamException | RuntimeException ex) {
			workbook.revert();
			if (ex instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw new InvalidInputException(file, "unreadable XLSX workbook: " + ex.getMessage());
		}
	}

	private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, XMLStreamException {
		try (InputStream in = reader.getWorkbookData()) {
			XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
			try {
				while (xml.hasNext()) {
					if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("workbookPr")) {
						String value = xml.getAttributeValue(null, "date1904");
						return "1".equals(value) || "true".equals(value);
					}
				}
				return false;
			}
			finally {
				xml.close();
			}
		}
	}

	/** The sheet's name, as the reject file and messages give it. */
	public String name() {
		return this.name;
	}

	/** The letters of a column: A for 0, AA for 26. */
	public static String column(int index) {
		return CellReference.convertNumToColString(index);
	}

	/**
	 * The next row that has a value, or {@code null} at the end of the sheet.
	 */
	public @Nullable Row next() {
		try {
			while (this.xml.hasNext()) {
				if (this.xml.next() == XMLStreamConstants.START_ELEMENT && this.xml.getLocalName().equals("row")) {
					Row row = readRow();
					if (row.cells().stream().anyMatch(cell -> !cell.text().isBlank() || cell.kind() == Kind.ERROR)) {
						return row;
					}
				}
			}
			return null;
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Sheet '" + this.name + "' is not valid XLSX: " + ex.getMessage(), ex);
		}
	}

	private Row readRow() throws XMLStreamException {
		String number = this.xml.getAttributeValue(null, "r");
		List<Cell> cells = new ArrayList<>();
		int rowNumber = (number != null) ? Integer.parseInt(number) : -1;
		while (this.xml.hasNext()) {
			int event = this.xml.next();
			if (event == XMLStreamConstants.END_ELEMENT && this.xml.getLocalName().equals("row")) {
				break;
			}
			if (event == XMLStreamConstants.START_ELEMENT && this.xml.getLocalName().equals("c")) {
				String reference = this.xml.getAttributeValue(null, "r");
				int column = (reference != null) ? new CellReference(reference).getCol() : cells.size();
				if (rowNumber < 0 && reference != null) {
					rowNumber = new CellReference(reference).getRow() + 1;
				}
				Cell cell = readCell();
				while (cells.size() < column) {
					cells.add(Cell.EMPTY);
				}
				if (column < cells.size()) {
					cells.set(column, cell);
				}
				else {
					cells.add(cell);
				}
			}
		}
		if (rowNumber < 0) {
			rowNumber = this.lastRow + 1;
		}
		this.lastRow = rowNumber;
		while (!cells.isEmpty() && cells.get(cells.size() - 1).text().isEmpty()
				&& cells.get(cells.size() - 1).kind() != Kind.ERROR) {
			cells.remove(cells.size() - 1);
		}
		return new Row(rowNumber, cells);
	}

	private Cell readCell() throws XMLStreamException {
		String type = this.xml.getAttributeValue(null, "t");
		String style = this.xml.getAttributeValue(null, "s");
		StringBuilder value = new StringBuilder();
		StringBuilder inline = new StringBuilder();
		String element = "";
		while (this.xml.hasNext()) {
			int event = this.xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				element = this.xml.getLocalName();
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				if (element.equals("v")) {
					value.append(this.xml.getText());
				}
				else if (element.equals("t")) {
					inline.append(this.xml.getText());
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if (this.xml.getLocalName().equals("c")) {
					break;
				}
				element = "";
			}
		}
		String raw = value.toString();
		return switch ((type != null) ? type : "n") {
			case "s" -> new Cell(raw.isEmpty() ? "" : this.strings.getItemAt(Integer.parseInt(raw.strip())).getString(),
					Kind.TEXT);
			case "inlineStr" -> new Cell(inline.toString(), Kind.TEXT);
			case "str" -> new Cell(raw, Kind.TEXT);
			case "b" -> new Cell(raw.isEmpty() ? "" : String.valueOf("1".equals(raw.strip())), Kind.BOOLEAN);
			case "e" -> new Cell(raw, Kind.ERROR);
			case "d" -> new Cell(raw.endsWith("T00:00:00") ? raw.substring(0, raw.indexOf('T')) : raw, Kind.DATE);
			default -> number(raw, style);
		};
	}

	private Cell number(String raw, @Nullable String style) {
		if (raw.isBlank()) {
			return Cell.EMPTY;
		}
		if (style != null && isDate(Integer.parseInt(style))) {
			LocalDateTime at = DateUtil.getLocalDateTime(Double.parseDouble(raw), this.date1904);
			return new Cell(at.toLocalTime().equals(LocalTime.MIDNIGHT) ? at.toLocalDate().toString() : at.toString(),
					Kind.DATE);
		}
		BigDecimal number = new BigDecimal(raw.strip()).round(SHOWN).stripTrailingZeros();
		return new Cell((number.scale() < 0) ? number.setScale(0).toPlainString() : number.toPlainString(),
				Kind.NUMBER);
	}

	private boolean isDate(int style) {
		if (style >= this.styles.getNumCellStyles()) {
			return false;
		}
		XSSFCellStyle cellStyle = this.styles.getStyleAt(style);
		return cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
	}

	@Override
	public void close() throws IOException {
		try {
			this.xml.close();
		}
		catch (XMLStreamException ex) {
			// the stream below is closed anyway
		}
		this.data.close();
		this.workbook.revert();
	}

	/** What a cell holds, as far as reading it as text goes. */
	public enum Kind {

		/** Text, or empty. */
		TEXT,
		/**
		 * A number, as shown with up to 15 significant digits, {@code .} for decimals.
		 */
		NUMBER,
		/**
		 * A cell with a date format: {@code yyyy-MM-dd}, with the time when it has one.
		 */
		DATE,
		/** {@code true} or {@code false}. */
		BOOLEAN,
		/** An error value, such as {@code #DIV/0!} or {@code #N/A}. */
		ERROR

	}

	/**
	 * A cell's value as text, and its kind.
	 *
	 * @param text the value ({@code ""} when the cell is empty)
	 * @param kind what the sheet holds there
	 */
	public record Cell(String text, Kind kind) {

		static final Cell EMPTY = new Cell("", Kind.TEXT);

	}

	/**
	 * A row of the sheet.
	 *
	 * @param number its number, as the spreadsheet shows it (1 for the first)
	 * @param cells its cells from column A to its last cell with a value (empty cells
	 * between are {@link Kind#TEXT} and empty)
	 */
	public record Row(int number, List<Cell> cells) {

		public Row {
			cells = List.copyOf(cells);
		}

		/** The row's values, comma-separated, as the reject file gives the record. */
		public String record() {
			return CsvCells.line(this.cells.stream().map(Cell::text).toArray());
		}

	}

}
