package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationCount;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunTally;

/**
 * Prints what a campaign run did: audience, communications per channel and state, per
 * offer and value tier, why communications were not sent (suppressed or failed, by
 * reason) or not on the run's first day (deferred, by reason), what still waits and when
 * it is due, and where the outputs are; a dry run also counts its documents by language
 * and where the language came from.
 */
final class RunReportPrinter {

	private RunReportPrinter() {
	}

	static int print(RunReport report, PrintWriter out) {
		String title = report.dryRun() ? "Dry run" : "Run";
		if (report.alreadyComplete()) {
			out.printf("%s %s had already completed; nothing was done.%n", title, report.run());
		}
		else if (report.deliveryPass() && report.completed()) {
			out.printf("%s %s: delivered what became due%s.%n", title, report.run(),
					report.resumed() ? " (after a stopped pass)" : "");
		}
		else if (report.completed()) {
			out.printf("%s %s completed%s.%n", title, report.run(), report.resumed() ? " (resumed after a stop)" : "");
		}
		else {
			out.printf("%s %s FAILED %s%nRun the same command again to resume it.%n", title, report.run(),
					report.failure());
		}
		out.printf(Locale.ROOT, "  audience: %,d customers%n", report.audience());
		Map<String, Long> byState = new TreeMap<>();
		for (RunTally tally : report.tallies()) {
			byState.merge(tally.channel().folder() + " " + tally.kind().name().toLowerCase(Locale.ROOT) + " "
					+ tally.state().name().toLowerCase(Locale.ROOT), tally.count(), Long::sum);
		}
		byState.forEach((key, count) -> out.printf(Locale.ROOT, "  %-40s %,8d%n", key, count));
		Map<String, Long> notSent = sum(report, count -> isNotSent(count.state())
				? count.state().name().toLowerCase(Locale.ROOT) + ": " + orUnknown(count.reasonCode()) : null);
		section(out, "not sent", notSent);
		section(out, "deferred from the run's first day (why)",
				sum(report, count -> (count.deferralCode() != null) ? count.deferralCode() : null));
		section(out, "by offer (to be sent or sent)",
				sum(report, count -> isNotSent(count.state()) ? null : orNone(count.offerCode())));
		section(out, "by value tier (to be sent or sent)",
				sum(report, count -> isNotSent(count.state()) ? null : orUnknown(count.valueTier())));
		if (!report.languages().isEmpty()) {
			out.println("  languages: " + report.languages()
				.stream()
				.map(count -> String.format(Locale.ROOT, "%s %,d (%s)", count.language(), count.count(),
						count.source()))
				.collect(java.util.stream.Collectors.joining(", ")));
		}
		report.warnings().forEach(warning -> out.println("  warning: " + warning));
		if (report.pending().total() > 0) {
			out.printf(Locale.ROOT, "  waiting: %,d communications, %,d due now%s%n", report.pending().total(),
					report.pending().due(),
					(report.pending().nextDue() != null) ? "; next due at " + report.pending().nextDue() : "");
			if (!report.dryRun()) {
				out.println("  Run the same command again on or after that moment to deliver them.");
			}
		}
		if (!report.dryRun()) {
			out.println("  outputs:");
			for (Channel channel : Channel.values()) {
				var folder = report.outputFolder().resolve(channel.folder());
				if (Files.isDirectory(folder)) {
					out.printf("    %-6s %s%n", channel.folder(), folder);
				}
			}
		}
		else {
			var proofs = report.outputFolder().resolve("proofs");
			if (Files.isDirectory(proofs)) {
				out.println("  sample proofs: " + proofs);
			}
			out.println("  dry-run key: " + report.run().runKey());
		}
		return report.completed() ? TidingsCommandLine.OK : TidingsCommandLine.RUN_FAILED;
	}

	private static boolean isNotSent(CommunicationState state) {
		return state == CommunicationState.FAILED || state == CommunicationState.SUPPRESSED;
	}

	private static Map<String, Long> sum(RunReport report, Function<CommunicationCount, @Nullable String> key) {
		Map<String, Long> sums = new TreeMap<>();
		for (CommunicationCount count : report.counts()) {
			String name = key.apply(count);
			if (name != null) {
				sums.merge(name, count.count(), Long::sum);
			}
		}
		return sums;
	}

	private static void section(PrintWriter out, String title, Map<String, Long> counts) {
		if (counts.isEmpty()) {
			return;
		}
		out.println("  " + title + ":");
		counts.forEach((key, count) -> out.printf(Locale.ROOT, "    %,6d  %s%n", count, key));
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : "(unknown)";
	}

	private static String orNone(@Nullable String value) {
		return (value != null) ? value : "(no offer)";
	}

}
