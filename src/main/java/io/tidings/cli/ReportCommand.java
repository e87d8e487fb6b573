package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jspecify.annotations.Nullable;

import io.tidings.TidingsHome;
import io.tidings.report.CampaignReport;
import io.tidings.report.CampaignReportFiles;
import io.tidings.report.CampaignReports;
import io.tidings.report.Lift;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings report <campaign> [--out
 *
<dir>
 * ]}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "Writes the campaign report: audience, delivery per channel, response rates per offer, "
				+ "variant, tier and channel, lift over the control group with its 95%% confidence interval, "
				+ "reasons for not sending, as report.html (with charts, no network needed) and report.csv." })
class ReportCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<campaign>", description = "The campaign, as named in its job file.")
	private String campaign = "";

	@Option(names = "--out", paramLabel = "<dir>",
			description = "Folder for report.html and report.csv (default: <home>/reports/<campaign>).")
	private @Nullable Path out;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		CampaignReport report = context.getBean(CampaignReports.class).build(this.campaign);
		Path folder = (this.out != null) ? this.out
				: context.getBean(TidingsHome.class).home().resolve("reports").resolve(this.campaign);
		CampaignReportFiles.Written written = CampaignReportFiles.write(report, folder);
		Lift lift = report.lift();
		out.printf(Locale.ROOT, "Campaign %s: %d runs, %,d customers in the audience%n", report.campaign(),
				report.runs().size(), report.audience());
		if (lift.measurable()) {
			out.printf(Locale.ROOT, "Lift over control: %+.1f points (95%% CI %+.1f to %+.1f)%n",
					100 * lift.difference(), 100 * lift.low(), 100 * lift.high());
		}
		out.println("Report: " + written.html());
		out.println("CSV: " + written.csv());
		return TidingsCommandLine.OK;
	}

}
