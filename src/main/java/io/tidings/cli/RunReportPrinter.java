package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunTally;

/**
 * Prints what a campaign run did: audience, communications per channel and state, the
 * reasons for what was not sent, and where the outputs are.
 */
final class RunReportPrinter {

	private RunReportPrinter() {
	}

	static int print(RunReport report, PrintWriter out) {
		String title = report.dryRun() ? "Dry run" : "Run";
		if (report.alreadyComplete()) {
			out.printf("%s %s had already completed; nothing was done.%n", title, report.run());
		}
		else if (report.completed()) {
			out.printf("%s %s completed%s.%n", title, report.run(), report.resumed() ? " (resumed after a stop)" : "");
		}
		else {
			out.printf("%s %s FAILED: %s%nRun the same command again to resume it.%n", title, report.run(),
					report.failure());
		}
		out.printf(Locale.ROOT, "  audience: %,d customers%n", report.audience());
		Map<String, Long> byState = new TreeMap<>();
		Map<String, Long> reasons = new TreeMap<>();
		for (RunTally tally : report.tallies()) {
			byState.merge(tally.channel().folder() + " " + tally.kind().name().toLowerCase(Locale.ROOT) + " "
					+ tally.state().name().toLowerCase(Locale.ROOT), tally.count(), Long::sum);
			if (tally.reason() != null
					&& (tally.state() == CommunicationState.FAILED || tally.state() == CommunicationState.SUPPRESSED)) {
				reasons.merge(tally.state().name().toLowerCase(Locale.ROOT) + ": " + shorten(tally.reason()),
						tally.count(), Long::sum);
			}
		}
		byState.forEach((key, count) -> out.printf(Locale.ROOT, "  %-40s %,8d%n", key, count));
		if (!reasons.isEmpty()) {
			out.println("  not sent:");
			reasons.forEach((reason, count) -> out.printf(Locale.ROOT, "    %,6d  %s%n", count, reason));
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
		return report.completed() ? TidingsCommandLine.OK : TidingsCommandLine.RUN_FAILED;
	}

	private static String shorten(String reason) {
		return (reason.length() > 160) ? reason.substring(0, 157) + "..." : reason;
	}

}
