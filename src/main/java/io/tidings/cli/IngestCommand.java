package io.tidings.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.csv.IngestReport;
import io.tidings.email.BounceIngest;
import io.tidings.print.PrintReprints;
import io.tidings.policy.OptOutIngest;
import io.tidings.response.ResponseIngest;
import io.tidings.sms.SmsStatusIngest;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings ingest <file> [--kind responses|opt-outs|bounces|complaints|sms-status|returned-mail|spoils]}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
		"Ingests what comes back: responses, opt-outs, bounces and complaints, SMS status reports, returned mail "
				+ "(each distinct record is recorded once), or a print shop's spoils report (the envelopes are reprinted). Ingesting a file again "
				+ "changes nothing." })
class IngestCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<file>",
			description = "The file to ingest; for bounces also an IMAP mailbox: imaps://[user@]host[:port]/folder.")
	private String source = "";

	@Option(names = "--kind", paramLabel = "<kind>", defaultValue = "responses",
			description = "What the file holds: responses (default), opt-outs, bounces (RFC 3464 delivery "
					+ "status notifications and RFC 5965 (ARF) complaints as .eml or mbox), complaints (the same), "
					+ "sms-status (Twilio status reports and replies as CSV), "
					+ "returned-mail, or spoils (envelope_id[,reason] of envelopes the print shop spoiled).")
	private String kind = "responses";

	@Override
	public boolean showsProgress() {
		return true;
	}

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		if ("bounces".equals(this.kind) || "complaints".equals(this.kind)) {
			BounceIngest bounces = context.getBean(BounceIngest.class);
			IngestReport report = BounceIngest.isMailbox(this.source) ? bounces.ingestMailbox(URI.create(this.source))
					: bounces.ingest(file());
			return print(report, "bounces".equals(this.kind) ? "Bounces" : "Complaints",
					"Hard bounces are on the email suppression list: no later run emails those addresses. "
							+ "Complaints stop marketing email to theirs.",
					out);
		}
		if ("sms-status".equals(this.kind)) {
			return print(context.getBean(SmsStatusIngest.class).ingest(file()), "SMS status reports",
					"Opt-out keywords (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) stop SMS to those customers "
							+ "from the next communication on.",
					out);
		}
		if ("returned-mail".equals(this.kind)) {
			return print(context.getBean(ResponseIngest.class).ingestReturnedMail(file()), "Returned mail",
					"No more post goes to addresses that came back without a new address; new addresses are on file.",
					out);
		}
		if ("spoils".equals(this.kind)) {
			return spoils(context, out);
		}
		if ("opt-outs".equals(this.kind)) {
			return print(context.getBean(OptOutIngest.class).ingest(file()), "Opt-outs",
					"They are honoured by every communication planned from now on, and at delivery by those "
							+ "already planned.",
					out);
		}
		if (!"responses".equals(this.kind)) {
			throw new InvalidInputException("--kind " + this.kind
					+ " is not supported yet; supported: responses, opt-outs, bounces, complaints, sms-status, "
					+ "returned-mail, spoils");
		}
		return print(context.getBean(ResponseIngest.class).ingestResponses(file()), "Responses", null, out);
	}

	private Path file() {
		try {
			return Path.of(this.source);
		}
		catch (InvalidPathException ex) {
			throw new InvalidInputException("'" + this.source + "' is not a file name: " + ex.getMessage());
		}
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
			out.println("Ingest FAILED " + report.failure());
			return TidingsCommandLine.RUN_FAILED;
		}
		return TidingsCommandLine.OK;
	}

	private int spoils(ApplicationContext context, PrintWriter out) {
		PrintReprints.ReprintReport report = context.getBean(PrintReprints.class).ingestSpoils(file());
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
