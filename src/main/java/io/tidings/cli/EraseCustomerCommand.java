package io.tidings.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.tidings.privacy.CustomerDataRequests;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings erase-customer <customer-id>}: erases one customer's personal data.
 */
@Command(name = "erase-customer", mixinStandardHelpOptions = true,
		description = { "Erases a customer's personal data (name, address, contacts, birth date, attributes, "
				+ "transactions, responses, marketing documents), keeping what the law requires: statements until "
				+ "their retention period ends, the ledger rows (so nothing is sent twice) and consent and "
				+ "opt-outs (so they are honoured). Refused for a customer under legal hold. Recorded." })
class EraseCustomerCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<customer-id>", description = "The customer id.")
	private String customerId = "";

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		String summary = context.getBean(CustomerDataRequests.class).erase(this.customerId);
		out.printf("Customer %s: %s%n", this.customerId, summary);
		return TidingsCommandLine.OK;
	}

}
