package io.tidings.cli;

import io.tidings.csv.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.tidings.InvalidInputException;
import io.tidings.TidingsHome;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.response.ResponseIngest;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * {@code tidings demo}: runs the sample campaign on embedded defaults, feeds the sample
 * responses back, and prints where everything is; with {@code --serve}, then serves the
 * console with the demo users.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Runs the sample campaign (jobs/quarterly-statements.yml) on embedded defaults, ingests "
				+ "samples/responses.csv, and prints where the outputs are. Run it from the project folder. With "
				+ "--serve, then serves the console to this machine with the demo users (ops/ops, agent/agent, "
				+ "admin/admin) until stopped." })
class DemoCommand implements TidingsSubcommand {

	@Option(names = "--project", paramLabel = "<dir>", defaultValue = ".",
			description = "Project folder holding jobs/ and samples/ (default: the current folder).")
	private Path project = Path.of(".");

	@Option(names = "--serve",
			description = "Then serve the web console on http://localhost:8080/ (this machine only) with the demo "
					+ "users until stopped.")
	private boolean serve;

	@Override
	public boolean web() {
		return this.serve;
	}

	@Override
	public Map<String, String> properties() {
		// the sample bank posts its letters in Lisbon: those to Portugal name no country
		Map<String, String> properties = new HashMap<>(Map.of("tidings.print.sender-country", "PT"));
		if (this.serve) {
			// the demo users' passwords are in the README: nobody else may reach them
			properties.putAll(Map.of("tidings.console.demo-users", "true", "server.address", "127.0.0.1"));
		}
		return properties;
	}

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		Path jobFile = this.project.resolve("jobs/quarterly-statements.yml");
		Path responses = this.project.resolve("samples/responses.csv");
		if (!Files.exists(jobFile)) {
			throw new InvalidInputException(jobFile.toAbsolutePath().normalize(),
					"not found: run the demo from the Tidings project folder, or give --project");
		}
		out.println("Running the sample campaign " + jobFile + " ...");
		RunReport report = context.getBean(CampaignRunner.class).run(jobFile, null, false);
		int exitCode = RunReportPrinter.print(report, out);
		if (exitCode != TidingsCommandLine.OK) {
			return exitCode;
		}
		out.println();
		out.println("Ingesting the sample responses " + responses + " ...");
		IngestReport ingest = context.getBean(ResponseIngest.class).ingestResponses(responses);
		out.println(ingest.alreadyIngested() ? "  already ingested before."
				: "  " + ingest.accepted() + " responses recorded; they change the offers of the next run.");
		TidingsHome home = context.getBean(TidingsHome.class);
		out.println();
		out.println("Where things are:");
		boolean waiting = report.pending().total() > 0;
		out.println("  print shop files: " + where(report.outputFolder().resolve("print"),
				" (streams, manifest.csv, job-ticket.json, SHA256SUMS, DONE)", waiting));
		out.println("  emails (.eml):    " + where(report.outputFolder().resolve("email"), "", waiting));
		out.println("  SMS (JSON lines): "
				+ where(report.outputFolder().resolve("sms").resolve("outbox.jsonl"), "", waiting));
		out.println("  run summary:      " + report.outputFolder().resolve("run.json"));
		out.println("  archive:          " + home.archive());
		out.println("  database:         " + home.home().resolve("db"));
		out.println("Try: ./tidings history C000001   (what a customer was sent, and why)");
		if (this.serve) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			out.println();
			out.println("Console: http://localhost:" + port
					+ "/ (this machine only), demo users ops/ops, agent/agent, admin/admin; Ctrl-C stops it.");
			ServeCommand.untilStopped(context);
		}
		return TidingsCommandLine.OK;
	}

	/**
	 * Where an output goes, and whether it is there yet: a run on a day its send window
	 * is closed (a weekend) delivers nothing until it is run again.
	 */
	private static String where(Path output, String holding, boolean waiting) {
		if (Files.exists(output)) {
			return output + holding;
		}
		return output + (waiting ? " (none yet: nothing for it was due, see \"waiting\" above)"
				: " (none: the run sent nothing this way)");
	}

}
