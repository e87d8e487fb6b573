package io.tidings.response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.PostalAddress;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DeliveryEvent;

/**
 * Turns a returned-mail row into a return of a known letter or customer. A new address
 * needs at least its first line and city; its country defaults to the customer's.
 */
class ReturnedMailRecordValidator {

	private final CustomerRepository customers;

	private final Communications communications;

	private final String source;

	private final Clock clock;

	private final ReportTimes times;

	ReturnedMailRecordValidator(CustomerRepository customers, Communications communications, String source, Clock clock,
			ReportTimes times) {
		this.customers = customers;
		this.communications = communications;
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
		CommunicationId communicationId = null;
		java.time.Instant sentAt = null;
		String customerId = blankToNull(row.value("customer_id"));
		String given = blankToNull(row.value("communication_id"));
		if (given != null) {
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
			communicationId = communication.id();
			sentAt = communication.sentAt();
			customerId = communication.customerId();
		}
		if (customerId == null) {
			throw new InvalidRecordException(line, "customer_id", "a communication_id or customer_id is required");
		}
		String id = customerId;
		Customer customer = this.customers.findById(id)
			.orElseThrow(() -> new InvalidRecordException(line, "customer_id", "unknown customer " + id));
		PostalAddress newAddress = newAddress(row, customer);
		OffsetDateTime at = occurredAt(row);
		this.times.check(line, "occurred_at", at, sentAt);
		String eventId = DeliveryEvent.idOf("returned-mail", String.valueOf(communicationId), customerId,
				reason.toLowerCase(Locale.ROOT), String.valueOf(newAddress), String.valueOf(row.value("occurred_at")));
		return new ReturnedMail(eventId, communicationId, customer, reason, newAddress, at, this.source, line);
	}

	private static @Nullable PostalAddress newAddress(ReturnedMailRow row, Customer customer) {
		String line1 = blankToNull(row.value("new_address_line1"));
		String line2 = blankToNull(row.value("new_address_line2"));
		String postcode = blankToNull(row.value("new_postcode"));
		String city = blankToNull(row.value("new_city"));
		String country = blankToNull(row.value("new_country"));
		if (line1 == null && line2 == null && postcode == null && city == null && country == null) {
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
		return new PostalAddress(line1, line2, postcode, city,
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
