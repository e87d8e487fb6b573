package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.audit.AuditLog;
import io.tidings.campaign.CampaignDefinition;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.schedule.CampaignLocks;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings run <job.yml> [--as-of YYYY-MM-DD] [--dry-run] [--approve <dry-run-key>] [--json]}.
 * The run holds its campaign's lock, as one started by the console or the scheduler does:
 * while another process runs the campaign, the command starts nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Runs a campaign. Running the same command again after a failure resumes the run; "
				+ "after success it delivers what the contact policy deferred and has become due since, "
				+ "or does nothing." })
class RunCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<job.yml>", description = "The campaign's job file.")
	private Path jobFile = Path.of("");

	@Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
			description = "As-of date, which is also the run key (default: the job file's as-of rule).")
	private @Nullable LocalDate asOf;

	@Option(names = "--dry-run", description = "Plan and report without rendering or sending anything.")
	private boolean dryRun;

	@Option(names = "--approve", paramLabel = "<dry-run-key>",
			description = "Releases the run on approval of this dry run (its key is printed by --dry-run); "
					+ "required when the job file sets policy.require-approval. Who approves (tidings.cli.user, "
					+ "else the OS user) must not be who made the dry run.")
	private @Nullable String approve;

	@Option(names = "--partitions", paramLabel = "<n>",
			description = "Imports customers, selects, decides, renders and delivers in n partitions taken by `tidings worker` processes "
					+ "(needs tidings.partitioning.broker-url and a shared PostgreSQL database). Default 8 "
					+ "(tidings.partitioning.grid-size): more partitions than workers, about four per worker, "
					+ "so that no worker waits for the last one.")
	private @Nullable Integer partitions;

	@Option(names = "--json",
			description = "Prints the run's run.json (written in its output folder) instead of the report; "
					+ "log lines go to standard error.")
	private boolean json;

	@Override
	public boolean printsJson() {
		return this.json;
	}

	@Override
	public Map<String, String> properties() {
		return (this.partitions != null) ? Map.of("tidings.partitioning.grid-size", String.valueOf(this.partitions))
				: Map.of();
	}

	@Override
	public boolean showsProgress() {
		return true;
	}

	@Override
	@SuppressWarnings("try") // the lock is held for the block, and closed even when the
								// run fails
	public int run(ApplicationContext context, PrintWriter out) {
		if (this.dryRun && this.approve != null) {
			throw new io.tidings.InvalidInputException("--approve releases a real run: it cannot go with --dry-run");
		}
		if (this.partitions != null) {
			WorkerCommand.requirePartitioning(context, "--partitions");
			if (this.partitions < 1) {
				throw new io.tidings.InvalidInputException("--partitions must be 1 or more");
			}
		}
		String campaign = CampaignDefinition.load(this.jobFile).campaign();
		String user = CommandUser.of(context);
		AuditLog audit = context.getBean(AuditLog.class);
		try (CampaignLocks.Lock lock = context.getBean(CampaignLocks.class).lock(campaign)) {
			audit.record(user, this.dryRun ? "DRY_RUN" : (this.approve != null) ? "APPROVE" : "RUN", campaign,
					"tidings run " + this.jobFile.getFileName() + ((this.asOf != null) ? " as of " + this.asOf : "")
							+ ((this.approve != null) ? ", approving dry run " + this.approve : ""));
			RunReport report = context.getBean(CampaignRunner.class)
				.run(this.jobFile, this.asOf, this.dryRun, this.approve, user);
			if (this.json) {
				out.print(report.summary());
				out.flush();
				return report.completed() ? TidingsCommandLine.OK : TidingsCommandLine.RUN_FAILED;
			}
			return RunReportPrinter.print(report, out);
		}
		catch (io.tidings.InvalidInputException ex) {
			if (this.approve != null) {
				audit.record(user, "APPROVE_REFUSED", campaign, ex.getMessage());
			}
			throw ex;
		}
	}

}
