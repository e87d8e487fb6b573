package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.InvalidInputException;
import io.tidings.print.PrintReprints;
import io.tidings.response.ResponseIngest;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings ingest <file> [--kind responses|spoils]}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = { "Ingests a file that comes back: responses (each distinct response is recorded once), or a "
				+ "print shop's spoils report (the envelopes are reprinted). Ingesting a file again changes nothing." })
class IngestCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<file>", description = "The file to ingest.")
	private Path file = Path.of("");

	@Option(names = "--kind", paramLabel = "<kind>", defaultValue = "responses",
			description = "What the file holds: responses (default), or spoils (envelope_id[,reason] of envelopes "
					+ "the print shop spoiled). Bounces, sms-status, opt-outs and returned-mail are not supported yet.")
	private String kind = "responses";

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		if ("spoils".equals(this.kind)) {
			return spoils(context, out);
		}
		if (!"responses".equals(this.kind)) {
			throw new InvalidInputException(
					"--kind " + this.kind + " is not supported yet; supported: responses, spoils");
		}
		ResponseIngest.IngestReport report = context.getBean(ResponseIngest.class).ingestResponses(this.file);
		if (report.alreadyIngested()) {
			out.println("This file was ingested before; nothing changed.");
			return TidingsCommandLine.OK;
		}
		out.printf(Locale.ROOT, "Responses: %,d records, %,d accepted, %,d rejected%n", report.records(),
				report.accepted(), report.rejected());
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
