package io.tidings.preference;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.ContactPermissions;
import io.tidings.response.ContactResponseRepository;
import io.tidings.response.ResponseOutcome;
import io.tidings.response.ResponseRecorder;

import org.springframework.stereotype.Component;

/**
 * What the preference centre does with a customer's choices: it reads their current state
 * from the contact policy and records every change as a consent event, a statement
 * preference or a response with source {@value #SOURCE}, so that the next run honours it
 * and {@code tidings history} shows it. Only what changes is recorded: posting the same
 * choice again (a replayed link, a second click) adds nothing.
 */
@Component
class PreferenceCentre {

	/** Source of everything recorded through the preference centre. */
	static final String SOURCE = "preference-centre";

	private final PreferenceLinks links;

	private final Communications communications;

	private final CustomerRepository customers;

	private final ConsentRegistry consents;

	private final ResponseRecorder responses;

	private final ContactResponseRepository responseHistory;

	private final Clock clock;

	PreferenceCentre(PreferenceLinks links, Communications communications, CustomerRepository customers,
			ConsentRegistry consents, ResponseRecorder responses, ContactResponseRepository responseHistory,
			Clock clock) {
		this.links = links;
		this.communications = communications;
		this.customers = customers;
		this.consents = consents;
		this.responses = responses;
		this.responseHistory = responseHistory;
		this.clock = clock;
	}

	/**
	 * Whom a link was sent to, when the token is valid and names a known communication.
	 */
	Optional<Recipient> recipient(String token) {
		return this.links.verify(token)
			.flatMap(this.communications::find)
			.flatMap(communication -> this.customers.findById(communication.customerId())
				.map(customer -> new Recipient(communication, customer)));
	}

	Preferences current(Customer customer) {
		ContactPermissions permissions = this.consents.permissions(customer);
		return new Preferences(!permissions.marketing().containsKey(Channel.EMAIL),
				!permissions.marketing().containsKey(Channel.SMS), !permissions.marketing().containsKey(Channel.PRINT),
				permissions.paperless());
	}

	/**
	 * One-click unsubscribe (RFC 8058): opts the recipient out of marketing on the
	 * channel of the message the link came in.
	 * @return whether anything changed
	 */
	boolean unsubscribe(Recipient recipient) {
		Channel channel = recipient.communication().channel();
		ContactPermissions permissions = this.consents.permissions(recipient.customer());
		if (permissions.marketing().containsKey(channel)) {
			return false;
		}
		return this.consents.recordOptOut(recipient.customer().id(), channel, SOURCE, now());
	}

	/**
	 * Records what differs between the customer's current preferences and the wanted
	 * ones.
	 * @return whether anything changed
	 */
	boolean save(Recipient recipient, Preferences wanted) {
		Customer customer = recipient.customer();
		Preferences current = current(customer);
		OffsetDateTime now = now();
		boolean changed = consent(customer, Channel.EMAIL, current.email(), wanted.email(), now);
		changed |= consent(customer, Channel.SMS, current.sms(), wanted.sms(), now);
		changed |= consent(customer, Channel.PRINT, current.post(), wanted.post(), now);
		boolean paperless = wanted.paperless() && customer.email() != null;
		if (paperless != current.paperless()) {
			changed |= this.consents.recordStatementPreference(customer.id(), paperless, SOURCE, now);
		}
		return changed;
	}

	/** Whether the recipient registered interest in the offer of the communication. */
	boolean interestRegistered(Recipient recipient) {
		return this.responseHistory.findByCustomer(recipient.customer().id())
			.stream()
			.anyMatch(response -> response.outcome() == ResponseOutcome.INTERESTED
					&& recipient.communication().id().value().equals(response.communicationId()));
	}

	/**
	 * Records the recipient's interest in the offer of the communication, with a
	 * call-back request when they asked for one; only the first registration counts.
	 * @return whether it was new
	 */
	boolean registerInterest(Recipient recipient, boolean callBack) {
		return this.responses.recordInterest(recipient.communication(), callBack ? SOURCE + ":call-back" : SOURCE,
				now());
	}

	private boolean consent(Customer customer, Channel channel, boolean current, boolean wanted, OffsetDateTime now) {
		if (current == wanted) {
			return false;
		}
		return wanted ? this.consents.recordOptIn(customer.id(), channel, SOURCE, now)
				: this.consents.recordOptOut(customer.id(), channel, SOURCE, now);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * The communication a link came in, and its recipient.
	 */
	record Recipient(Communication communication, Customer customer) {

	}

	/**
	 * A customer's choices: marketing by email, SMS and post, and paperless statements.
	 */
	record Preferences(boolean email, boolean sms, boolean post, boolean paperless) {

	}

}
