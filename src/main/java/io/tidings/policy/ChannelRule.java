package io.tidings.policy;

import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.outbox.Channel;

/**
 * One way to reach a customer: returns why the channel cannot be used, or nothing.
 *
 * @param channel the channel
 * @param check why it is ruled out for a customer, or empty
 * @param because why it is used when it is
 */
record ChannelRule(Channel channel, java.util.function.Function<Customer, Optional<String>> check, String because) {

	static final ChannelRule emailWithMarketingConsent = new ChannelRule(Channel.EMAIL,
			customer -> (customer.email() == null) ? Optional.of("no valid email address")
					: !customer.consentEmail() ? Optional.of("no consent to marketing email") : Optional.empty(),
			"has an email address and consent to marketing email");

	static final ChannelRule smsWithMarketingConsent = new ChannelRule(Channel.SMS,
			customer -> (customer.phone() == null) ? Optional.of("no valid mobile number")
					: !customer.consentSms() ? Optional.of("no consent to marketing SMS") : Optional.empty(),
			"has a mobile number and consent to marketing SMS");

	static final ChannelRule postalAddress = new ChannelRule(Channel.PRINT,
			customer -> customer.address().isDeliverable() ? Optional.empty()
					: Optional.of("no complete postal address"),
			"has a postal address");

}
