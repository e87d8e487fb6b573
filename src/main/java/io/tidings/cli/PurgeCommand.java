package io.tidings.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.tidings.privacy.DataRetention;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings purge [--dry-run]}: deletes what is past its retention period.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
		description = { "Deletes archived documents, communications and responses older than their retention "
				+ "period (tidings.retention.archive, tidings.retention.contact-history; 7 years by default), "
				+ "except those of customers under legal hold, and records the purge." })
class PurgeCommand implements TidingsSubcommand {

	@Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
	private boolean dryRun;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		DataRetention.PurgeReport report = context.getBean(DataRetention.class).purge(this.dryRun);
		out.printf("%s%n", report.dryRun() ? "Dry run: nothing deleted. Would delete:" : "Purged:");
		out.printf("  archived documents of communications planned before %s: %d%n", report.archiveCutoff(),
				report.documents());
		out.printf("  communications planned before %s: %d%n", report.historyCutoff(), report.communications());
		out.printf("  responses that occurred before %s: %d%n", report.historyCutoff(), report.responses());
		out.printf("  files of printed documents' batches that no communication is in (a stopped run's): %d%n",
				report.unrecordedBatchFiles());
		return TidingsCommandLine.OK;
	}

}
