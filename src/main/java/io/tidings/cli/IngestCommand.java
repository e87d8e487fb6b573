package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.csv.IngestReport;
import io.tidings.print.PrintReprints;
import io.tidings.policy.OptOutIngest;
import io.tidings.response.ResponseIngest;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings ingest <file> [--kind responses|opt-outs|spoils]}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = { "Ingests a file that comes back: responses or opt-outs (each distinct record is recorded "
				+ "once), or a print shop's spoils report (the envelopes are reprinted). Ingesting a file again "
				+ "changes nothing." })
class IngestCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<file>", description = "The file to ingest.")
	private Path file = Path.of("");

	@Option(names = "--kind", paramLabel = "<kind>", defaultValue = "responses",
			description = "What the file holds: responses (default), opt-outs, or spoils (envelope_id[,reason] of "
					+ "envelopes the print shop spoiled). Bounces, sms-status and returned-mail are not supported yet.")
	private String kind = "responses";

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		if ("spoils".equals(this.kind)) {
			return spoils(context, out);
		}
		if ("opt-outs".equals(this.kind)) {
			return print(context.getBean(OptOutIngest.class).ingest(this.file), "Opt-outs",
					"They are honoured by every communication planned from now on, and at delivery by those "
							+ "already planned.",
					out);
		}
		if (!"responses".equals(this.kind)) {
			throw new InvalidInputException(
					"--kind " + this.kind + " is not supported yet; supported: responses, opt-outs, spoils");
		}
		return print(context.getBean(ResponseIngest.class).ingestResponses(this.file), "Responses", null, out);
	}

	private static int print(IngestReport report, String label, @Nullable String note, PrintWriter out) {
		if (report.alreadyIngested()) {
			out.println("This file was ingested before; nothing changed.");
			return TidingsCommandLine.OK;
		}
		out.printf(Locale.ROOT, "%s: %,d records, %,d accepted, %,d rejected%n", label, report.records(),
				report.accepted(), report.rejected());
		if (note != null) {
			out.println(note);
		}
		if (report.rejectFile() != null) {
			out.println("Rejected records: " + report.rejectFile());
		}
		if (!report.completed()) {
			out.println("Ingest FAILED: " + report.failure());
			return TidingsCommandLine.RUN_FAILED;
		}
		return TidingsCommandLine.OK;
	}

	private int spoils(ApplicationContext context, PrintWriter out) {
		PrintReprints.ReprintReport report = context.getBean(PrintReprints.class).ingestSpoils(this.file);
		if (report.alreadyIngested()) {
			out.println("This spoils report was ingested and reprinted before; nothing changed.");
		}
		for (PrintReprints.Reprint reprint : report.reprints()) {
			out.printf(Locale.ROOT, "Reprint of %s: %,d envelopes, %,d documents in %,d stream%s: %s%n", reprint.run(),
					reprint.envelopes(), reprint.documents(), reprint.streams(), (reprint.streams() == 1) ? "" : "s",
					reprint.folder());
		}
		if (!report.unknownEnvelopes().isEmpty()) {
			out.println("Envelopes no run printed (not reprinted): " + String.join(", ", report.unknownEnvelopes()));
			return report.reprints().isEmpty() ? TidingsCommandLine.BAD_INPUT : TidingsCommandLine.OK;
		}
		return TidingsCommandLine.OK;
	}

}
