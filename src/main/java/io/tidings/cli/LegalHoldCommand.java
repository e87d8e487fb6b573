package io.tidings.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.privacy.CustomerDataRequests;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings legal-hold <customer-id> [--release]}.
 */
@Command(name = "legal-hold", mixinStandardHelpOptions = true,
		description = { "Puts a customer under legal hold (left out of purges, cannot be erased) or releases "
				+ "the hold. Recorded." })
class LegalHoldCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<customer-id>", description = "The customer id.")
	private String customerId = "";

	@Option(names = "--release", description = "Release the hold instead.")
	private boolean release;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		context.getBean(CustomerDataRequests.class).legalHold(this.customerId, !this.release);
		out.printf("Customer %s: legal hold %s%n", this.customerId, this.release ? "released" : "placed");
		return TidingsCommandLine.OK;
	}

}
