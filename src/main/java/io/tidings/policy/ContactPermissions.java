package io.tidings.policy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;

/**
 * What a customer allows on each channel at one moment, from consent records, suppression
 * lists and flags: for marketing, a channel can be refused (opted out, on a suppression
 * list, deceased); for any document, postal mail can be refused because the customer has
 * gone away.
 *
 * @param marketing why marketing on a channel is refused, by channel (absent: allowed)
 * @param goneAway why letters cannot reach the customer, if they cannot
 */
public record ContactPermissions(Map<Channel, Refusal> marketing, @Nullable Refusal goneAway) {

	public ContactPermissions {
		marketing = Map.copyOf(marketing);
	}

	/**
	 * Permissions from the consent flags of the customer file alone: marketing email and
	 * SMS need the flag; postal marketing is allowed.
	 */
	public static ContactPermissions fromCustomerFile(Customer customer) {
		Map<Channel, Refusal> refused = new EnumMap<>(Channel.class);
		if (!customer.consentEmail()) {
			refused.put(Channel.EMAIL, Refusal.noConsent(Channel.EMAIL));
		}
		if (!customer.consentSms()) {
			refused.put(Channel.SMS, Refusal.noConsent(Channel.SMS));
		}
		return new ContactPermissions(refused, null);
	}

	/**
	 * Why a document of this kind may not go to the customer on this channel, or empty.
	 * Legally required documents ignore marketing consent; nothing goes to an address the
	 * customer has left.
	 */
	public Optional<Refusal> refusal(Channel channel, DocumentKind kind) {
		if (channel == Channel.PRINT && this.goneAway != null) {
			return Optional.of(this.goneAway);
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
	 * {@code suppression-list}, {@code deceased}, {@code gone-away}
	 * @param reason the reason in words
	 */
	public record Refusal(String code, String reason) {

		public static final String OPTED_OUT = "opted-out";

		/** Consent never given (the customer file's flag is false): not an opt-out. */
		public static final String NO_CONSENT = "no-consent";

		public static final String SUPPRESSION_LIST = "suppression-list";

		public static final String DECEASED = "deceased";

		public static final String GONE_AWAY = "gone-away";

		static Refusal noConsent(Channel channel) {
			return new Refusal(NO_CONSENT,
					"no consent to marketing " + ((channel == Channel.SMS) ? "SMS" : channel.folder()));
		}

	}

}
