package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.customer.CustomerImport;
import io.tidings.customer.ImportOptions;
import io.tidings.customer.ImportReport;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings import <customers.csv|.xlsx> [--mapping <mapping.yml>] [--transactions <file>]
 * [--encoding <charset>] [--separator <separator>] [--sheet <name|number>]}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Imports customers into the single customer view, matching and merging duplicates. "
				+ "Bad records go to <name>.rejects.csv next to the input; dropped values to <name>.warnings.csv." })
class ImportCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<customers.csv>",
			description = "Customer file with a header row: CSV (UTF-8 unless --encoding says otherwise), "
					+ "TSV, or an XLSX workbook.")
	private Path customers = Path.of("");

	@Option(names = "--mapping", paramLabel = "<mapping.yml>", description = "Maps the file's columns to fields.")
	private @Nullable Path mapping;

	@Option(names = "--transactions", paramLabel = "<transactions.csv>",
			description = "Account transactions to import after the customers.")
	private @Nullable Path transactions;

	@Option(names = "--encoding", paramLabel = "<charset>",
			description = "Encoding of the CSV files, such as windows-1252 or ISO-8859-15 (default UTF-8, "
					+ "or encoding: in the mapping); never guessed.")
	private @Nullable String encoding;

	@Option(names = "--separator", paramLabel = "<separator>",
			description = "Separator of the CSV files: tab, pipe, comma, semicolon or one character "
					+ "(default: comma or semicolon from the header row, tab for .tsv; or separator: in the mapping).")
	private @Nullable String separator;

	@Option(names = "--sheet", paramLabel = "<name|number>",
			description = "Sheet of an XLSX customer file, by name or number (default the first, "
					+ "or sheet: in the mapping).")
	private @Nullable String sheet;

	@Override
	public boolean showsProgress() {
		return true;
	}

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		ImportReport report = context.getBean(CustomerImport.class)
			.importFiles(this.customers, this.mapping, this.transactions,
					new ImportOptions(this.encoding, this.separator, this.sheet));
		out.printf(Locale.ROOT, "Customers: %,d records, %,d imported, %,d rejected%n", report.customers().records(),
				report.customers().imported(), report.customers().rejected());
		report.merges().forEach((rule, count) -> out.printf(Locale.ROOT, "  %-28s %,8d%n", rule, count));
		if (this.transactions != null) {
			out.printf(Locale.ROOT, "Transactions: %,d records, %,d imported, %,d rejected%n",
					report.transactions().records(), report.transactions().imported(),
					report.transactions().rejected());
		}
		printFile(out, "Rejected customer records", report.rejectFile());
		printFile(out, "Dropped values", report.warningFile());
		printFile(out, "Rejected transactions", report.transactionRejectFile());
		if (!report.completed()) {
			out.println("Import FAILED " + report.failure());
			return TidingsCommandLine.RUN_FAILED;
		}
		return TidingsCommandLine.OK;
	}

	private static void printFile(PrintWriter out, String label, @Nullable Path file) {
		if (file != null) {
			out.println(label + ": " + file);
		}
	}

}
