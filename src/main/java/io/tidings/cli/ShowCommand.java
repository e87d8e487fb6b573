package io.tidings.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.tidings.InvalidInputException;
import io.tidings.archive.DocumentArchive;
import io.tidings.audit.AuditLog;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings show <communication-id> [--raw]}: one communication and its exact
 * archived document.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "Shows a communication and where its exact archived document is.")
class ShowCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<communication-id>", description = "The communication id.")
	private String communicationId = "";

	@Option(names = "--raw", description = "Write the archived document's exact bytes to standard output instead.")
	private boolean raw;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		CommunicationId id;
		try {
			id = new CommunicationId(this.communicationId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("'" + this.communicationId + "' is not a communication id");
		}
		Communication c = context.getBean(Communications.class)
			.find(id)
			.orElseThrow(() -> new InvalidInputException("no communication with id " + this.communicationId));
		context.getBean(AuditLog.class)
			.record(CommandUser.of(context), "VIEW_DOCUMENT", c.customerId(), c.id() + " (tidings show)");
		DocumentArchive archive = context.getBean(DocumentArchive.class);
		if (this.raw) {
			if (c.archivePath() == null) {
				throw new InvalidInputException("communication " + id + " has no document (state " + c.state() + ")");
			}
			byte[] document = archive.read(c.archivePath())
				.orElseThrow(() -> new InvalidInputException(
						"the archived document of communication " + id + " is gone (purged or erased)"));
			try {
				out.flush();
				System.out.write(document);
				System.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return TidingsCommandLine.OK;
		}
		out.printf("Communication %s%n", c.id());
		out.printf("  run:      %s%n", c.run());
		out.printf("  customer: %s%n", c.customerId());
		out.printf("  channel:  %s, %s%n", c.channel().folder(), c.kind());
		out.printf("  template: %s%n", c.template());
		out.printf("  offer:    %s%n", (c.offerCode() != null) ? c.offerCode() : "-");
		out.printf("  state:    %s%s%n", c.state(), (c.stateReason() != null) ? " (" + c.stateReason() + ")" : "");
		out.printf("  why:      %s%n", c.decisionReason());
		out.printf("  planned:  %s%n", c.plannedAt());
		if (c.renderedAt() != null) {
			out.printf("  rendered: %s, sha256 %s%s%n", c.renderedAt(), c.contentSha256(),
					(c.pageCount() != null) ? ", " + c.pageCount() + " page(s)" : "");
		}
		if (c.sentAt() != null) {
			out.printf("  sent:     %s (%s)%n", c.sentAt(), c.deliveryRef());
		}
		if (c.archivePath() != null) {
			out.printf("  document: %s%n", archive.describe(c.archivePath()));
		}
		return TidingsCommandLine.OK;
	}

}
