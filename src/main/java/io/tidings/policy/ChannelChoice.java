package io.tidings.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;

/**
 * Chooses the channel of each document. Legally required documents go on paper; marketing
 * goes by the cheapest channel the customer agreed to: email, else SMS, else a printed
 * mailer. Channels the offer does not allow are skipped.
 */
public final class ChannelChoice {

	private static final List<ChannelRule> LEGAL = List.of(ChannelRule.postalAddress);

	private static final List<ChannelRule> MARKETING = List.of(ChannelRule.emailWithMarketingConsent,
			ChannelRule.smsWithMarketingConsent, ChannelRule.postalAddress);

	public ChannelDecision choose(Customer customer, DocumentKind kind, Set<Channel> allowed) {
		List<ChannelRule> rules = kind.legallyRequired() ? LEGAL : MARKETING;
		List<String> ruledOut = new ArrayList<>();
		Channel last = Channel.PRINT;
		for (ChannelRule rule : rules) {
			last = rule.channel();
			if (!allowed.contains(rule.channel())) {
				ruledOut.add(rule.channel().folder() + ": not allowed for this offer");
				continue;
			}
			Optional<String> rejection = rule.check().apply(customer);
			if (rejection.isEmpty()) {
				String why = kind.legallyRequired() ? "legally required document goes on paper; customer "
						: "customer ";
				String tried = ruledOut.isEmpty() ? "" : " (" + String.join("; ", ruledOut) + ")";
				return new ChannelDecision.Use(rule.channel(),
						rule.channel().folder() + ": " + why + rule.because() + tried);
			}
			ruledOut.add(rule.channel().folder() + ": " + rejection.get());
		}
		return new ChannelDecision.Unreachable(last, "unreachable: " + String.join("; ", ruledOut));
	}

}
