package io.tidings.customer;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.csv.XlsxSheet;

import org.springframework.batch.infrastructure.item.file.FlatFileParseException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the customers of a sheet of an XLSX workbook: the first row with a value is the
 * header, each later row with a value is a record (rows without any are not records). A
 * row that cannot be mapped fails as a {@link FlatFileParseException} with its row number
 * for a line number, so that it is skipped into the reject file as a CSV line is. A
 * restart skips the rows read before, by count.
 */
class CustomerSheetReader extends AbstractItemCountingItemStreamItemReader<CustomerRow> {

	private final Path file;

	private final @Nullable String sheetName;

	private final CustomerLineMapper mapper;

	private @Nullable XlsxSheet sheet;

	CustomerSheetReader(Path file, @Nullable String sheetName, CustomerLineMapper mapper) {
		this.file = file;
		this.sheetName = sheetName;
		this.mapper = mapper;
		setName("customerFileItemReader");
	}

	/**
	 * Checks that a workbook can be imported: the sheet exists and its header row fits
	 * the mapping.
	 * @throws InvalidInputException naming the file, sheet and row
	 */
	static void check(Path file, @Nullable String sheetName, CustomerLineMapper mapper) {
		try (XlsxSheet sheet = XlsxSheet.open(file, sheetName)) {
			readHeader(file, sheet, mapper);
		}
		catch (java.io.IOException ex) {
			throw new InvalidInputException(file, "cannot be read: " + ex.getMessage());
		}
	}

	private static void readHeader(Path file, XlsxSheet sheet, CustomerLineMapper mapper) {
		XlsxSheet.Row header = sheet.next();
		if (header == null) {
			throw new InvalidInputException(file, "sheet '" + sheet.name() + "' is empty: a header row is required");
		}
		try {
			mapper.readHeader(sheet.name(), header);
		}
		catch (InvalidInputException ex) {
			// the mapping names the header as line 1 of a CSV file
			String message = String.valueOf(ex.getMessage());
			String line = file + ":1: ";
			throw new InvalidInputException(file, "sheet '" + sheet.name() + "', row " + header.number() + ": "
					+ (message.startsWith(line) ? message.substring(line.length()) : message));
		}
	}

	@Override
	protected void doOpen() {
		XlsxSheet opened = XlsxSheet.open(this.file, this.sheetName);
		this.sheet = opened;
		readHeader(this.file, opened, this.mapper);
	}

	@Override
	protected @Nullable CustomerRow doRead() {
		XlsxSheet.Row row = sheet().next();
		if (row == null) {
			return null;
		}
		try {
			return this.mapper.map(row);
		}
		catch (RuntimeException ex) {
			throw new FlatFileParseException("Cannot map row " + row.number() + " of sheet '" + sheet().name() + "'",
					ex, row.record(), row.number());
		}
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		int skipped = 0;
		while (skipped < itemIndex && sheet().next() != null) {
			skipped++;
		}
	}

	@Override
	protected void doClose() throws java.io.IOException {
		XlsxSheet opened = this.sheet;
		this.sheet = null;
		if (opened != null) {
			opened.close();
		}
	}

	private XlsxSheet sheet() {
		XlsxSheet opened = this.sheet;
		if (opened == null) {
			throw new IllegalStateException("Sheet of " + this.file + " not open");
		}
		return opened;
	}

}
