package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.campaign.CampaignPreview;
import io.tidings.outbox.ComposedDocument;
import io.tidings.print.PrintProofs;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings preview <template> --customer <id> [--out <file>] [--job <job.yml>]}: a
 * proof PDF of a print template for one customer, and a PNG image of its first page.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
		description = { "Renders a print template for one customer, as a campaign run would, into a proof PDF and "
				+ "a PNG image of its first page. Records and sends nothing." })
class PreviewCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<template>",
			description = "The template: a file in the job's template folder (templates/statement/statement.ftlh) "
					+ "or its name in that folder (statement/statement.ftlh).")
	private String template = "";

	@Option(names = "--customer", required = true, paramLabel = "<id>",
			description = "The customer (an id from any imported source file).")
	private String customer = "";

	@Option(names = "--out", paramLabel = "<file.pdf>",
			description = "The proof PDF to write (default: <template name>-<customer>.pdf in the current folder); "
					+ "the image goes beside it as .png.")
	private @Nullable Path out;

	@Option(names = "--job", paramLabel = "<job.yml>", defaultValue = "jobs/quarterly-statements.yml",
			description = "The campaign whose template folder, sender and offers are used (default: ${DEFAULT-VALUE}).")
	private Path job = Path.of("jobs/quarterly-statements.yml");

	@Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
			description = "As-of date of the statement period (default: the job file's as-of rule).")
	private @Nullable LocalDate asOf;

	@Override
	public int run(ApplicationContext context, PrintWriter output) {
		ComposedDocument proof = context.getBean(CampaignPreview.class)
			.preview(this.job, this.template, this.customer, this.asOf);
		Path pdf = (this.out != null) ? this.out : Path.of(baseName(this.template) + "-" + this.customer + ".pdf");
		Path image = context.getBean(PrintProofs.class).write(proof.content(), pdf);
		output.printf("Proof: %s (%d page%s)%n", pdf.toAbsolutePath().normalize(), proof.pageCount(),
				(proof.pageCount() != null && proof.pageCount() == 1) ? "" : "s");
		output.printf("Page 1: %s%n", image.toAbsolutePath().normalize());
		return TidingsCommandLine.OK;
	}

	private static String baseName(String template) {
		String name = Path.of(template).getFileName().toString();
		int dot = name.indexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

}
