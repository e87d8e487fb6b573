package io.tidings.policy;

import io.tidings.customer.ValueTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;

/**
 * Chooses the channel of each document. Legally required documents go on paper, to an
 * address the customer has not left, or, when the campaign can send them electronically,
 * by email to a customer who chose paperless statements and has an email address that has
 * not bounced for good (else on paper after all). Marketing goes by the first channel, in
 * the order of the customer's value tier (else cheapest first: email, SMS, printed
 * mailer), that the offer allows, that reaches the customer, and that the customer did
 * not refuse (opted out, on a suppression list, deceased).
 */
public final class ChannelChoice {

	private final ContactPolicy.Channels channels;

	private final boolean electronicStatements;

	public ChannelChoice() {
		this(ContactPolicy.Channels.DEFAULT);
	}

	public ChannelChoice(ContactPolicy.Channels channels) {
		this(channels, false);
	}

	/**
	 * @param channels channel order and costs
	 * @param electronicStatements whether legally required documents may go by email to
	 * customers who chose paperless statements
	 */
	public ChannelChoice(ContactPolicy.Channels channels, boolean electronicStatements) {
		this.channels = channels;
		this.electronicStatements = electronicStatements;
	}

	/**
	 * Chooses by the consent flags of the customer file alone, for a customer of the
	 * general tier.
	 */
	public ChannelDecision choose(Customer customer, DocumentKind kind, Set<Channel> allowed) {
		return choose(customer, kind, allowed, ValueTier.GENERAL.label(),
				ContactPermissions.fromCustomerFile(customer));
	}

	public ChannelDecision choose(Customer customer, DocumentKind kind, Set<Channel> allowed, String tier,
			ContactPermissions permissions) {
		List<Channel> order = !kind.legallyRequired() ? this.channels.orderFor(tier)
				: (this.electronicStatements && permissions.paperless()) ? List.of(Channel.EMAIL, Channel.PRINT)
						: List.of(Channel.PRINT);
		List<String> ruledOut = new ArrayList<>();
		String refusedCode = null;
		Channel last = Channel.PRINT;
		for (Channel channel : order) {
			last = channel;
			if (!allowed.contains(channel)) {
				ruledOut.add(channel.folder() + ": not allowed for this offer");
				continue;
			}
			Optional<String> unreachable = unreachable(customer, channel);
			if (unreachable.isPresent()) {
				ruledOut.add(channel.folder() + ": " + unreachable.get());
				continue;
			}
			Optional<ContactPermissions.Refusal> refusal = permissions.refusal(channel, kind);
			if (refusal.isPresent()) {
				ruledOut.add(channel.folder() + ": " + refusal.get().reason());
				if (refusedCode == null && !refusal.get().code().equals(ContactPermissions.Refusal.NO_CONSENT)) {
					refusedCode = refusal.get().code();
				}
				continue;
			}
			String tried = ruledOut.isEmpty() ? "" : " (" + String.join("; ", ruledOut) + ")";
			return new ChannelDecision.Use(channel, channel.folder() + ": " + why(kind, channel) + tried);
		}
		String code = (refusedCode != null) ? refusedCode : ChannelDecision.UNREACHABLE;
		return new ChannelDecision.Unreachable(last, code, words(code) + ": " + String.join("; ", ruledOut));
	}

	private static Optional<String> unreachable(Customer customer, Channel channel) {
		return switch (channel) {
			case EMAIL -> (customer.email() == null) ? Optional.of("no valid email address") : Optional.empty();
			case SMS -> (customer.phone() == null) ? Optional.of("no valid mobile number") : Optional.empty();
			case PRINT ->
				customer.address().isDeliverable() ? Optional.empty() : Optional.of("no complete postal address");
		};
	}

	private static String why(DocumentKind kind, Channel channel) {
		if (!kind.legallyRequired()) {
			return "customer " + because(channel);
		}
		if (channel == Channel.EMAIL) {
			return "legally required document by email with the PDF attached; customer chose paperless statements "
					+ "and has an email address";
		}
		return "legally required document goes on paper; customer " + because(channel);
	}

	private static String because(Channel channel) {
		return switch (channel) {
			case EMAIL -> "has an email address and consent to marketing email";
			case SMS -> "has a mobile number and consent to marketing SMS";
			case PRINT -> "has a postal address";
		};
	}

	private static String words(String code) {
		return switch (code) {
			case ContactPermissions.Refusal.OPTED_OUT -> "opted out";
			case ContactPermissions.Refusal.SUPPRESSION_LIST -> "on a suppression list";
			case ContactPermissions.Refusal.COMPLAINT -> "reported an email as spam";
			case ContactPermissions.Refusal.GONE_AWAY -> "gone away";
			case ContactPermissions.Refusal.UNDELIVERABLE -> "undeliverable";
			default -> code;
		};
	}

}
