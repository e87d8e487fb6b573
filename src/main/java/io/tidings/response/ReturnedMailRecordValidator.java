package io.tidings.response;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalAddress;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.print.PrintedEnvelopes;

/**
 * Turns a returned-mail row into the return of known letters. A row names an envelope
 * (every letter in it came back), a letter, or a customer (the letters of the run that
 * last printed to the customer before the return's date). A new address needs at least
 * its first line and city; its country defaults to the addressee's.
 */
class ReturnedMailRecordValidator {

	private final CustomerRepository customers;

	private final Communications communications;

	private final PrintedEnvelopes envelopes;

	private final String source;

	private final Clock clock;

	private final ReportTimes times;

	ReturnedMailRecordValidator(CustomerRepository customers, Communications communications, PrintedEnvelopes envelopes,
			String source, Clock clock, ReportTimes times) {
		this.customers = customers;
		this.communications = communications;
		this.envelopes = envelopes;
		this.source = source;
		this.clock = clock;
		this.times = times;
	}

	ReturnedMail validate(ReturnedMailRow row) {
		long line = row.line();
		String reason = row.value("reason");
		if (reason.isEmpty()) {
			throw new InvalidRecordException(line, "reason", "missing reason");
		}
		String customerId = blankToNull(row.value("customer_id"));
		String envelopeId = blankToNull(row.value("envelope_id"));
		String given = blankToNull(row.value("communication_id"));
		CommunicationId communicationId = null;
		List<Communication> letters = null;
		if (envelopeId != null) {
			envelopeId = envelopeId.toUpperCase(Locale.ROOT);
			letters = envelope(line, envelopeId, given, customerId);
		}
		else if (given != null) {
			Communication letter = letter(line, given, customerId);
			communicationId = letter.id();
			customerId = letter.customerId();
			letters = List.of(letter);
		}
		else if (customerId == null) {
			throw new InvalidRecordException(line, "customer_id",
					"an envelope_id, communication_id or customer_id is required");
		}
		OffsetDateTime at = occurredAt(row);
		if (letters == null) {
			letters = latestPrinted(customerId, at.toInstant());
		}
		List<Customer> addressees = addressees(line, letters, customerId);
		PostalAddress newAddress = newAddress(row, addressees.get(0));
		this.times.check(line, "occurred_at", at,
				letters.stream()
					.map(Communication::sentAt)
					.filter(Objects::nonNull)
					.min(Comparator.naturalOrder())
					.orElse(null));
		String eventId = (envelopeId != null)
				? DeliveryEvent.idOf("returned-mail", "envelope " + envelopeId, reason.toLowerCase(Locale.ROOT),
						String.valueOf(newAddress), row.value("occurred_at"))
				: DeliveryEvent.idOf("returned-mail", String.valueOf(communicationId), customerId,
						reason.toLowerCase(Locale.ROOT), String.valueOf(newAddress), row.value("occurred_at"));
		return new ReturnedMail(eventId, letters, addressees, reason, newAddress, at, this.source, line);
	}

	/**
	 * The letters in an envelope; a communication or customer the row names as well must
	 * be among them.
	 */
	private List<Communication> envelope(long line, String envelopeId, @Nullable String given,
			@Nullable String customerId) {
		List<PrintedEnvelopes.Content> contents = (envelopeId.length() <= 20) ? this.envelopes.contents(envelopeId)
				: List.of();
		if (contents.isEmpty()) {
			throw new InvalidRecordException(line, "envelope_id", "unknown envelope " + envelopeId);
		}
		if (contents.get(0).isCopy()) {
			throw new InvalidRecordException(line, "envelope_id",
					"envelope " + envelopeId + " holds copies for recipient '" + contents.get(0).recipient()
							+ "', not a customer's letters: correct that recipient's address in tidings.print.kinds");
		}
		List<Communication> letters = new ArrayList<>();
		for (PrintedEnvelopes.Content content : contents) {
			letters.add(this.communications.find(content.communicationId())
				.orElseThrow(() -> new InvalidRecordException(line, "envelope_id", "envelope " + envelopeId
						+ " holds communication " + content.communicationId() + ", which the ledger no longer has")));
		}
		if (given != null && letters.stream().noneMatch(letter -> letter.id().value().equalsIgnoreCase(given))) {
			throw new InvalidRecordException(line, "communication_id",
					"communication " + given + " is not in envelope " + envelopeId);
		}
		if (customerId != null && letters.stream().noneMatch(letter -> letter.customerId().equals(customerId))) {
			throw new InvalidRecordException(line, "customer_id",
					"envelope " + envelopeId + " holds no letter to customer " + customerId);
		}
		return letters;
	}

	private Communication letter(long line, String given, @Nullable String customerId) {
		Communication communication;
		try {
			communication = this.communications.find(new CommunicationId(given)).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(line, "communication_id", "not a communication id");
		}
		if (communication == null) {
			throw new InvalidRecordException(line, "communication_id", "unknown communication " + given);
		}
		if (communication.channel() != Channel.PRINT) {
			throw new InvalidRecordException(line, "communication_id",
					"communication " + given + " is " + communication.channel().folder() + ", not a letter");
		}
		if (customerId != null && !customerId.equals(communication.customerId())) {
			throw new InvalidRecordException(line, "customer_id",
					"communication " + given + " was sent to another customer");
		}
		return communication;
	}

	/**
	 * The customer's letters of the run that last printed to the customer at or before a
	 * moment (a return cannot answer a letter printed after it).
	 */
	private List<Communication> latestPrinted(String customerId, Instant before) {
		List<Communication> printed = this.communications.findByCustomer(customerId)
			.stream()
			.filter(letter -> letter.channel() == Channel.PRINT && letter.sentAt() != null
					&& !letter.sentAt().isAfter(before)
					&& (letter.state() == CommunicationState.PRINTED || letter.state() == CommunicationState.DELIVERED))
			.toList();
		return printed.stream()
			.max(Comparator.comparing(Communication::sentAt))
			.map(latest -> printed.stream().filter(letter -> letter.run().equals(latest.run())).toList())
			.orElse(List.of());
	}

	private List<Customer> addressees(long line, List<Communication> letters, @Nullable String customerId) {
		List<String> ids = letters.isEmpty() ? List.of(Objects.requireNonNull(customerId))
				: letters.stream().map(Communication::customerId).distinct().toList();
		List<Customer> addressees = new ArrayList<>();
		for (String id : ids) {
			addressees.add(this.customers.findById(id)
				.orElseThrow(() -> new InvalidRecordException(line, "customer_id", "unknown customer " + id)));
		}
		return addressees;
	}

	private static @Nullable PostalAddress newAddress(ReturnedMailRow row, Customer customer) {
		String line1 = blankToNull(row.value("new_address_line1"));
		String line2 = blankToNull(row.value("new_address_line2"));
		String postcode = blankToNull(row.value("new_postcode"));
		String city = blankToNull(row.value("new_city"));
		String region = blankToNull(row.value("new_region"));
		String country = blankToNull(row.value("new_country"));
		if (line1 == null && line2 == null && postcode == null && city == null && region == null && country == null) {
			return null;
		}
		if (line1 == null) {
			throw new InvalidRecordException(row.line(), "new_address_line1", "a new address needs its first line");
		}
		if (city == null) {
			throw new InvalidRecordException(row.line(), "new_city", "a new address needs its city");
		}
		if (country != null && !country.matches("[A-Za-z]{2}")) {
			throw new InvalidRecordException(row.line(), "new_country", "must be an ISO 3166-1 alpha-2 code");
		}
		return new PostalAddress(line1, line2, postcode, city, region,
				(country != null) ? country.toUpperCase(Locale.ROOT) : customer.address().country());
	}

	private OffsetDateTime occurredAt(ReturnedMailRow row) {
		String value = row.value("occurred_at");
		if (value.isEmpty()) {
			return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRecordException(row.line(), "occurred_at", "not an ISO-8601 date-time with offset");
		}
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

}
