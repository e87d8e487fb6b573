package io.tidings.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.tidings.customer.CustomerMerges;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings unmerge <source-id>}: undoes the merge of a source record into another
 * customer.
 */
@Command(name = "unmerge", mixinStandardHelpOptions = true,
		description = { "Undoes a merge: the source record becomes a customer of its own again, the customer it "
				+ "was merged into is rebuilt from its other records, and the two are not merged again. "
				+ "tidings history <id> shows the merge log." })
class UnmergeCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<source-id>", description = "Id of the source record to separate.")
	private String sourceId = "";

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		CustomerMerges.Unmerged result = context.getBean(CustomerMerges.class).unmerge(this.sourceId);
		out.printf("Source record %s is customer %s again; customer %s was rebuilt from its other records.%n",
				this.sourceId, result.separated().id(), result.customer().id());
		return TidingsCommandLine.OK;
	}

}
