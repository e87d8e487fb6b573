package io.tidings.cli;

import org.jspecify.annotations.Nullable;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tidings} command and its global options.
 */
@Command(name = "tidings", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		description = "Customer communication management batch engine.",
		subcommands = { DemoCommand.class, RunCommand.class, ImportCommand.class, IngestCommand.class,
				HistoryCommand.class, ShowCommand.class, ScoreCommand.class, UnmergeCommand.class, PreviewCommand.class,
				ReportCommand.class, ServeCommand.class, PurgeCommand.class, ExportCustomerCommand.class,
				EraseCustomerCommand.class, LegalHoldCommand.class, WorkerCommand.class, AuditCommand.class,
				GenerateCompletion.class },
		footer = { "",
				"Exit codes: 0 success, 1 run failed (run the same command again to resume), 2 bad input or usage." })
class TidingsCommand {

	@Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "<dir>",
			description = "Folder for database, outputs and archive (default: TIDINGS_HOME, else ./var).")
	private @Nullable String home;

	@Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "ecs|logstash|text",
			description = "Log lines on the terminal as JSON in Elastic Common Schema or Logstash format, "
					+ "or as text (default: logging.structured.format.console, else text).")
	private @Nullable String logFormat;

}
