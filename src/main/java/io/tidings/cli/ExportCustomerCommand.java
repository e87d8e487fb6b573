package io.tidings.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.InvalidInputException;
import io.tidings.privacy.CustomerDataRequests;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings export-customer <customer-id> [--out <file.json>] [--documents <folder>]}:
 * everything held on one customer, and copies of their archived documents.
 */
@Command(name = "export-customer", mixinStandardHelpOptions = true,
		description = { "Writes everything held on one customer as JSON (customer record, source records, "
				+ "transactions, communications with their archive paths, responses, consent, scores, audiences, "
				+ "privacy actions), for a data subject access request; the export is recorded." })
class ExportCustomerCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<customer-id>", description = "The customer id.")
	private String customerId = "";

	@Option(names = "--out", paramLabel = "<file.json>", description = "File to write (default: standard output).")
	private @Nullable Path file;

	@Option(names = "--documents", paramLabel = "<folder>",
			description = "Also write each of the customer's archived documents into this folder, "
					+ "<communication-id>.<pdf|eml|json> (a printed one as a PDF/A of its own).")
	private @Nullable Path documents;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		CustomerDataRequests requests = context.getBean(CustomerDataRequests.class);
		if (this.file == null) {
			out.flush();
			requests.export(this.customerId, new NonClosing(System.out));
			System.out.println();
			System.out.flush();
			exportDocuments(requests, out);
			return TidingsCommandLine.OK;
		}
		try (OutputStream stream = Files.newOutputStream(this.file)) {
			requests.export(this.customerId, stream);
		}
		catch (IOException ex) {
			throw new InvalidInputException(this.file, "cannot be written: " + ex);
		}
		out.printf("Customer %s exported to %s%n", this.customerId, this.file);
		exportDocuments(requests, out);
		return TidingsCommandLine.OK;
	}

	private void exportDocuments(CustomerDataRequests requests, PrintWriter out) {
		if (this.documents != null) {
			int written = requests.exportDocuments(this.customerId, this.documents);
			// on the error stream when the export itself goes to standard output
			PrintWriter report = (this.file == null) ? new PrintWriter(System.err, true) : out;
			report.printf("%d archived documents of customer %s written to %s%n", written, this.customerId,
					this.documents);
			report.flush();
		}
	}

	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
