package io.tidings.cli;

import java.io.PrintWriter;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.tidings.InvalidInputException;
import io.tidings.archive.DocumentArchive;
import io.tidings.audit.AuditLog;
import io.tidings.customer.Customer;
import io.tidings.customer.SourceRecordEntry;
import io.tidings.history.CustomerHistories;
import io.tidings.history.CustomerHistory;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.StatementPreference;
import io.tidings.policy.SuppressionEntry;
import io.tidings.response.ContactResponse;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings history <customer-id>}: what a customer was sent, when, on which
 * channel, which offer and why, when it drops and why it was deferred or suppressed, and
 * where the archived document is; then their consent and suppression records and their
 * responses.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
		description = "Shows what a customer was sent and why, and how they responded.")
class HistoryCommand implements TidingsSubcommand {

	@Parameters(paramLabel = "<customer-id>",
			description = "Customer id (an id from any imported source file is accepted).")
	private String customerId = "";

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		CustomerHistory history = context.getBean(CustomerHistories.class)
			.find(this.customerId)
			.orElseThrow(() -> new InvalidInputException("no customer with id " + this.customerId));
		context.getBean(AuditLog.class)
			.record(CommandUser.of(context), "VIEW_CUSTOMER", history.customer().id(), "tidings history");
		printCustomer(history, out);
		out.printf("Communications: %d%n", history.communications().size());
		DocumentArchive archive = context.getBean(DocumentArchive.class);
		for (Communication c : history.communications()) {
			printCommunication(c, archive, out);
		}
		printConsent(history, out);
		out.printf("Responses: %d%n", history.responses().size());
		for (ContactResponse r : history.responses()) {
			out.printf("- %s  %s %s%s%s  (%s)%n", r.occurredAt(), lowerCase(r.outcome()), r.product(),
					(r.campaign() != null) ? "  campaign " + r.campaign() : "",
					(r.channel() != null) ? "  via " + r.channel() : "", r.sourceFile());
		}
		out.printf("Delivery reports: %d%n", history.deliveryReports().size());
		for (DeliveryEvent e : history.deliveryReports()) {
			out.printf("- %s  %s %s%s%s  (%s line %d)%n", e.occurredAt(), e.channel().folder(),
					lowerCase(e.kind()).replace('_', ' '), (e.status() != null) ? " " + e.status() : "",
					(e.communicationId() != null) ? "  communication " + e.communicationId() : "", e.source(),
					e.sourceLine());
		}
		return TidingsCommandLine.OK;
	}

	private static void printCustomer(CustomerHistory history, PrintWriter out) {
		Customer customer = history.customer();
		out.printf("Customer %s: %s (%s, %s)%n", customer.id(), customer.fullName(), customer.language(),
				customer.address().country());
		if (history.mergedSourceId() != null) {
			out.printf("  (source record %s was merged into this customer)%n", history.mergedSourceId());
		}
		out.println("Merge log:");
		for (SourceRecordEntry source : history.mergeLog()) {
			out.printf("- %s  %s%s  (%s line %d)%n", source.sourceId(), source.rule(),
					(source.score() != null) ? String.format(Locale.ROOT, ", score %.2f", source.score()) : "",
					source.sourceFile(), source.sourceLine());
		}
		if (!history.household().isEmpty()) {
			out.printf("Household (same address): %s%n", String.join(", ", history.household()));
		}
	}

	private static void printCommunication(Communication c, DocumentArchive archive, PrintWriter out) {
		out.printf("- %s  %s  %s/%s  %s %s  %s%n", c.plannedAt(), c.id(), c.run().campaign(), c.run().runKey(),
				c.channel().folder(), lowerCase(c.kind()), c.state());
		if (c.offerCode() != null) {
			out.printf("    offer: %s%s%n", c.offerCode(),
					(c.details().modelVersion() != null) ? "  (model " + c.details().modelVersion() + ")" : "");
		}
		out.printf("    value tier %s%s, template version %s%n", (c.valueTier() != null) ? c.valueTier() : "-",
				(c.details().variant() != null) ? ", variant " + c.details().variant() : "",
				(c.details().templateVersion() != null) ? c.details().templateVersion() : "-");
		out.printf("    why: %s%n", c.decisionReason());
		if (c.stateReason() != null && !c.stateReason().equals(c.decisionReason())) {
			out.printf("    state reason: %s%n", c.stateReason());
		}
		if (c.dropDate() != null) {
			out.printf("    drop date: %s%s%n", c.dropDate(),
					(c.notBefore() != null) ? ", not before " + c.notBefore() : "");
		}
		if (c.deferralReason() != null) {
			out.printf("    deferred (%s): %s%n", c.deferralCode(), c.deferralReason());
		}
		if (c.sentAt() != null) {
			out.printf("    sent: %s (%s)%n", c.sentAt(), c.deliveryRef());
		}
		if (c.archivePath() != null) {
			out.printf("    document: %s%n", archive.describe(c.archivePath()));
		}
	}

	private static void printConsent(CustomerHistory history, PrintWriter out) {
		out.printf("Consent and suppression: %d%n", history.consentHistory().size() + history.suppressions().size());
		for (ConsentEvent e : history.consentHistory()) {
			out.printf("- %s  %s %s  (%s)%n", e.undated() ? "(as first imported)" : e.occurredAt(),
					(e.channel() != null) ? e.channel().folder() : "all channels",
					e.granted() ? "consent given" : "consent withdrawn", e.source());
		}
		for (SuppressionEntry e : history.suppressions()) {
			out.printf("- %s  %s by %s, %s  (%s)%n", e.occurredAt(), lowerCase(e.reason()), lowerCase(e.matchKind()),
					(e.channel() != null) ? e.channel().folder() : "all channels", e.source());
		}
		out.printf("Statement delivery: %d%n", history.statementPreferences().size());
		for (StatementPreference s : history.statementPreferences()) {
			out.printf("- %s  %s  (%s)%n", s.undated() ? "(as first imported)" : s.occurredAt(),
					s.paperless() ? "paperless (by email)" : "on paper", s.source());
		}
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
