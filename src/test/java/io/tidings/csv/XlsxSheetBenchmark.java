package io.tidings.csv;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams a large sheet (text, number and date cells, as a customer file has) with
 * {@link XlsxSheet} and samples the heap in use (after a garbage collection) at a tenth
 * of the rows and at the end: flat memory keeps the two close, whatever the number of
 * rows.
 *
 * <p>
 * Run with {@code ./mvnw -B -o -Pbench test -Dtest=XlsxSheetBenchmark}; the rows with
 * {@code -Dtidings.bench.rows=1000000} (the default).
 */
@Tag("benchmark")
class XlsxSheetBenchmark {

	@TempDir
	Path folder;

	@Test
	void shouldStreamALargeSheetWithFlatMemory() throws Exception {
		int rows = Integer.getInteger("tidings.bench.rows", 1_000_000);
		Path file = this.folder.resolve("customers.xlsx");
		long writeStart = System.nanoTime();
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(1000)) {
			workbook.setCompressTempFiles(true);
			Sheet sheet = workbook.createSheet("Customers");
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
			Row header = sheet.createRow(0);
			String[] columns = { "customer_id", "first_name", "last_name", "country", "birth_date", "balance" };
			for (int column = 0; column < columns.length; column++) {
				header.createCell(column).setCellValue(columns[column]);
			}
			for (int index = 1; index <= rows; index++) {
				Row row = sheet.createRow(index);
				row.createCell(0).setCellValue("C" + index);
				row.createCell(1).setCellValue("First" + (index % 997));
				row.createCell(2).setCellValue("Last" + (index % 7919));
				row.createCell(3).setCellValue("PT");
				row.createCell(4).setCellValue(LocalDate.of(1950, 1, 1).plusDays(index % 20000));
				row.getCell(4).setCellStyle(date);
				row.createCell(5).setCellValue(index * 1.25);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
		double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long atTenth = 0;
		long read = 0;
		long start = System.nanoTime();
		try (XlsxSheet sheet = XlsxSheet.open(file, null)) {
			for (XlsxSheet.Row row = sheet.next(); row != null; row = sheet.next()) {
				read++;
				if (read == rows / 10) {
					atTenth = usedAfterGc(memory);
				}
			}
			long atEnd = usedAfterGc(memory);
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(read).isEqualTo(rows + 1L);
			System.out.printf(Locale.ROOT,
					"%n| rows | file | write (SXSSF) | read | rows/s | heap used at 1/10 | heap used at end |%n"
							+ "|---|---|---|---|---|---|---|%n| %,d | %,d KB | %.1f s | %.1f s | %,.0f | %,d KB | %,d KB |%n",
					rows, Files.size(file) / 1024, writeSeconds, seconds, read / seconds, atTenth / 1024, atEnd / 1024);
			assertThat(atEnd).as("heap in use at the end against a tenth of the way")
				.isLessThan(atTenth * 2 + 8_000_000);
		}
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
