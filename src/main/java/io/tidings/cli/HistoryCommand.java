package io.tidings.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.tidings.InvalidInputException;
import io.tidings.archive.DocumentArchive;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerMerges;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.SourceRecordEntry;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.outbox.DeliveryEvents;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.StatementPreference;
import io.tidings.policy.SuppressionEntry;
import io.tidings.response.ContactResponse;
import io.tidings.response.ContactResponseRepository;

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
		CustomerRepository customers = context.getBean(CustomerRepository.class);
		String id = customers.findIdBySource(this.customerId).orElse(this.customerId);
		Customer customer = customers.findById(id)
			.orElseThrow(() -> new InvalidInputException("no customer with id " + this.customerId));
		DocumentArchive archive = context.getBean(DocumentArchive.class);
		out.printf("Customer %s: %s (%s, %s)%n", customer.id(), customer.fullName(), customer.language(),
				customer.address().country());
		if (!id.equals(this.customerId)) {
			out.printf("  (source record %s was merged into this customer)%n", this.customerId);
		}
		out.println("Merge log:");
		for (SourceRecordEntry source : context.getBean(CustomerMerges.class).log(id)) {
			out.printf(
					"- %s  %s%s  (%s line %d)%n", source.sourceId(), source.rule(), (source.score() != null)
							? String.format(java.util.Locale.ROOT, ", score %.2f", source.score()) : "",
					source.sourceFile(), source.sourceLine());
		}
		List<String> household = customers.household(id);
		if (!household.isEmpty()) {
			out.printf("Household (same address): %s%n", String.join(", ", household));
		}
		List<Communication> communications = context.getBean(Communications.class).findByCustomer(id);
		out.printf("Communications: %d%n", communications.size());
		for (Communication c : communications) {
			out.printf("- %s  %s  %s/%s  %s %s  %s%n", c.plannedAt(), c.id(), c.run().campaign(), c.run().runKey(),
					c.channel().folder(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.state());
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
				out.printf("    document: %s%n", archive.resolve(c.archivePath()));
			}
		}
		ConsentRegistry consents = context.getBean(ConsentRegistry.class);
		List<ConsentEvent> events = consents.consentHistory(id);
		List<SuppressionEntry> suppressions = consents.suppressionsOf(customer);
		out.printf("Consent and suppression: %d%n", events.size() + suppressions.size());
		for (ConsentEvent e : events) {
			out.printf("- %s  %s %s  (%s)%n", e.undated() ? "(as first imported)" : e.occurredAt(),
					(e.channel() != null) ? e.channel().folder() : "all channels",
					e.granted() ? "consent given" : "consent withdrawn", e.source());
		}
		for (SuppressionEntry e : suppressions) {
			out.printf("- %s  %s by %s, %s  (%s)%n", e.occurredAt(),
					e.reason().name().toLowerCase(java.util.Locale.ROOT),
					e.matchKind().name().toLowerCase(java.util.Locale.ROOT),
					(e.channel() != null) ? e.channel().folder() : "all channels", e.source());
		}
		List<StatementPreference> statements = consents.statementPreferences(id);
		out.printf("Statement delivery: %d%n", statements.size());
		for (StatementPreference s : statements) {
			out.printf("- %s  %s  (%s)%n", s.undated() ? "(as first imported)" : s.occurredAt(),
					s.paperless() ? "paperless (by email)" : "on paper", s.source());
		}
		List<ContactResponse> responses = context.getBean(ContactResponseRepository.class).findByCustomer(id);
		out.printf("Responses: %d%n", responses.size());
		for (ContactResponse r : responses) {
			out.printf("- %s  %s %s%s%s  (%s)%n", r.occurredAt(), r.outcome().name().toLowerCase(java.util.Locale.ROOT),
					r.product(), (r.campaign() != null) ? "  campaign " + r.campaign() : "",
					(r.channel() != null) ? "  via " + r.channel() : "", r.sourceFile());
		}
		List<DeliveryEvent> reports = context.getBean(DeliveryEvents.class).findByCustomer(id);
		out.printf("Delivery reports: %d%n", reports.size());
		for (DeliveryEvent e : reports) {
			out.printf("- %s  %s %s%s%s  (%s line %d)%n", e.occurredAt(), e.channel().folder(),
					e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
					(e.status() != null) ? " " + e.status() : "",
					(e.communicationId() != null) ? "  communication " + e.communicationId() : "", e.source(),
					e.sourceLine());
		}
		return TidingsCommandLine.OK;
	}

}
