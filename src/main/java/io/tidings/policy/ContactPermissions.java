package io.tidings.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;

/**
 * What a customer allows on each channel at one moment, from consent records, suppression
 * lists and flags: for marketing, a channel can be refused (opted out, on a suppression
 * list, deceased); for any document, a channel can be unusable because nothing sent on it
 * arrives (the customer has gone away from the postal address, the email address bounced
 * for good, the number does not take SMS).
 *
 * @param marketing why marketing on a channel is refused, by channel (absent: allowed)
 * @param undeliverable why nothing sent on a channel reaches the customer, by channel
 * @param paperless whether the customer chose electronic statements
 */
public record ContactPermissions(Map<Channel, Refusal> marketing, Map<Channel, Refusal> undeliverable,
		boolean paperless) {

	public ContactPermissions {
		marketing = Map.copyOf(marketing);
		undeliverable = Map.copyOf(undeliverable);
	}

	/**
	 * Permissions from the flags of the customer file alone: marketing email and SMS need
	 * the consent flag; postal marketing is allowed.
	 */
	public static ContactPermissions fromCustomerFile(Customer customer) {
		Map<Channel, Refusal> refused = new EnumMap<>(Channel.class);
		if (!customer.consentEmail()) {
			refused.put(Channel.EMAIL, Refusal.noConsent(Channel.EMAIL));
		}
		if (!customer.consentSms()) {
			refused.put(Channel.SMS, Refusal.noConsent(Channel.SMS));
		}
		return new ContactPermissions(refused, Map.of(), customer.paperless());
	}

	/**
	 * Permissions from a customer's consent events and the suppression entries that match
	 * them, both oldest first: the latest consent event of a channel decides it; a
	 * deceased flag refuses every channel, a suppression list entry its channel unless
	 * the customer is deceased; gone away and undeliverable make a channel unusable.
	 */
	static ContactPermissions from(List<ConsentEvent> events, List<SuppressionEntry> suppressions, boolean paperless) {
		Map<Channel, Refusal> refused = new EnumMap<>(Channel.class);
		for (Channel channel : Channel.values()) {
			events.stream()
				.filter(event -> event.channel() == null || event.channel() == channel)
				.reduce((first, second) -> second)
				.filter(latest -> !latest.granted())
				.ifPresent(latest -> refused.put(channel, optedOut(channel, latest)));
		}
		Map<Channel, Refusal> undeliverable = new EnumMap<>(Channel.class);
		for (SuppressionEntry entry : suppressions) {
			switch (entry.reason()) {
				case DECEASED -> {
					for (Channel channel : Channel.values()) {
						refused.put(channel, new Refusal(Refusal.DECEASED, "deceased (reported "
								+ entry.occurredAt().toLocalDate() + ", " + entry.source() + ")"));
					}
				}
				case GONE_AWAY -> undeliverable.put(Channel.PRINT,
						new Refusal(Refusal.GONE_AWAY, "gone away from the postal address (reported "
								+ entry.occurredAt().toLocalDate() + ", " + entry.source() + ")"));
				case UNDELIVERABLE -> {
					for (Channel channel : Channel.values()) {
						if (entry.channel() == null || entry.channel() == channel) {
							undeliverable.put(channel,
									new Refusal(Refusal.UNDELIVERABLE,
											undeliverableReason(entry.matchKind()) + " (reported "
													+ entry.occurredAt().toLocalDate() + ", " + entry.source() + ")"));
						}
					}
				}
				case OPT_OUT, COMPLAINT -> {
					for (Channel channel : Channel.values()) {
						if ((entry.channel() == null || entry.channel() == channel) && !(refused.containsKey(channel)
								&& refused.get(channel).code().equals(Refusal.DECEASED))) {
							refused.put(channel, (entry.reason() == SuppressionEntry.Reason.COMPLAINT)
									? new Refusal(Refusal.COMPLAINT,
											"reported an email as spam (" + entry.occurredAt().toLocalDate() + ", "
													+ entry.source() + ")")
									: new Refusal(Refusal.SUPPRESSION_LIST,
											entry.matchKind().name().toLowerCase(Locale.ROOT)
													+ " on the suppression list for "
													+ ConsentRegistry.channelName(entry.channel()) + " (since "
													+ entry.occurredAt().toLocalDate() + ", " + entry.source() + ")"));
						}
					}
				}
			}
		}
		return new ContactPermissions(refused, undeliverable, paperless);
	}

	private static Refusal optedOut(Channel channel, ConsentEvent event) {
		if (ConsentRegistry.CUSTOMER_FILE.equals(event.source()) && event.channel() == channel) {
			return Refusal.noConsent(channel);
		}
		return new Refusal(Refusal.OPTED_OUT, "opted out of " + ConsentRegistry.channelName(event.channel()) + " on "
				+ event.occurredAt().toLocalDate() + " (" + event.source() + ")");
	}

	private static String undeliverableReason(SuppressionEntry.MatchKind kind) {
		return switch (kind) {
			case EMAIL -> "email address bounced for good";
			case PHONE -> "phone number cannot receive SMS";
			default -> "undeliverable";
		};
	}

	/**
	 * Why a document of this kind may not go to the customer on this channel, or empty.
	 * Legally required documents ignore marketing consent; nothing goes to an address the
	 * customer has left, or that bounced for good.
	 */
	public Optional<Refusal> refusal(Channel channel, DocumentKind kind) {
		Refusal unusable = this.undeliverable.get(channel);
		if (unusable != null) {
			return Optional.of(unusable);
		}
		if (kind.legallyRequired()) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.marketing.get(channel));
	}

	/**
	 * Why a channel is refused.
	 *
	 * @param code short code counted in reports: {@code no-consent}, {@code opted-out},
	 * {@code suppression-list}, {@code complaint}, {@code deceased}, {@code gone-away},
	 * {@code undeliverable}
	 * @param reason the reason in words
	 */
	public record Refusal(String code, String reason) {

		public static final String OPTED_OUT = "opted-out";

		/** Consent never given (the customer file's flag is false): not an opt-out. */
		public static final String NO_CONSENT = "no-consent";

		public static final String SUPPRESSION_LIST = "suppression-list";

		/** The recipient reported an email as spam. */
		public static final String COMPLAINT = "complaint";

		public static final String DECEASED = "deceased";

		public static final String GONE_AWAY = "gone-away";

		/** The email address bounced for good, or the number cannot take SMS. */
		public static final String UNDELIVERABLE = "undeliverable";

		static Refusal noConsent(Channel channel) {
			return new Refusal(NO_CONSENT,
					"no consent to marketing " + ((channel == Channel.SMS) ? "SMS" : channel.folder()));
		}

	}

}
