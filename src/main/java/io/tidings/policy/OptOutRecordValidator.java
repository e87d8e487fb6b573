package io.tidings.policy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.validator.routines.EmailValidator;
import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Channel;

/**
 * Turns an opt-outs row into what it records: a row naming a customer withdraws that
 * customer's consent on the channel (or flags the customer deceased or gone away); a row
 * naming an email address, a phone number or a postal address puts it on the suppression
 * list, for whoever has it.
 */
class OptOutRecordValidator {

	private static final int MAX_LENGTH = 254;

	private final CustomerRepository customers;

	private final String source;

	private final ReportTimes times;

	OptOutRecordValidator(CustomerRepository customers, String fileName, ReportTimes times) {
		this.customers = customers;
		this.source = "opt-outs:" + fileName;
		this.times = times;
	}

	OptOut validate(OptOutRow row) {
		long line = row.line();
		for (String column : OptOutRow.COLUMNS) {
			String value = row.value(column);
			if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidRecordException(line, column,
						"longer than " + MAX_LENGTH + " characters or has a control character");
			}
		}
		@Nullable Channel channel = channel(row);
		OffsetDateTime occurredAt;
		try {
			occurredAt = OffsetDateTime.parse(row.value("occurred_at"));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRecordException(line, "occurred_at",
					"not an ISO-8601 date-time with offset (e.g. 2026-10-01T09:30:00+01:00)");
		}
		this.times.check(line, "occurred_at", occurredAt, null);
		SuppressionEntry.Reason reason = reason(row);
		List<ConsentEvent> consents = new ArrayList<>();
		List<SuppressionEntry> entries = new ArrayList<>();
		String given = row.value("customer_id");
		if (!given.isEmpty()) {
			String customerId = this.customers.findIdBySource(given)
				.orElseThrow(() -> new InvalidRecordException(line, "customer_id", "unknown customer " + given));
			if (reason == SuppressionEntry.Reason.OPT_OUT) {
				consents.add(ConsentEvent.of(customerId, channel, false, this.source, occurredAt));
			}
			else {
				entries.add(SuppressionEntry.of(SuppressionEntry.MatchKind.CUSTOMER, customerId, channel, reason,
						this.source, occurredAt));
			}
		}
		String country = row.value("country").toUpperCase(Locale.ROOT);
		if (!row.value("email").isEmpty()) {
			String email = row.value("email");
			if (email.length() > 254 || !EmailValidator.getInstance().isValid(email)) {
				throw new InvalidRecordException(line, "email", "not a valid email address");
			}
			entries.add(SuppressionEntry.of(SuppressionEntry.MatchKind.EMAIL, ContactKeys.email(email), channel, reason,
					this.source, occurredAt));
		}
		if (!row.value("phone").isEmpty()) {
			String phone = ContactKeys.phone(row.value("phone"), country.isEmpty() ? null : country)
				.orElseThrow(() -> new InvalidRecordException(line, "phone",
						"not a valid phone number (write it in E.164, +351912345678, or give the country)"));
			entries.add(SuppressionEntry.of(SuppressionEntry.MatchKind.PHONE, phone, channel, reason, this.source,
					occurredAt));
		}
		if (!row.value("address_line1").isEmpty()) {
			String address = ContactKeys.address(row.value("address_line1"), row.value("postcode"), country)
				.orElseThrow(() -> new InvalidRecordException(line, "country",
						"an address needs address_line1, postcode and country"));
			entries.add(SuppressionEntry.of(SuppressionEntry.MatchKind.ADDRESS, address, channel, reason, this.source,
					occurredAt));
		}
		if (consents.isEmpty() && entries.isEmpty()) {
			throw new InvalidRecordException(line, "customer_id",
					"a customer_id, email, phone or address_line1 is required");
		}
		return new OptOut(consents, entries);
	}

	private static @Nullable Channel channel(OptOutRow row) {
		String value = row.value("channel").toLowerCase(Locale.ROOT);
		return switch (value) {
			case "all", "" -> null;
			case "print", "email", "sms" -> Channel.valueOf(value.toUpperCase(Locale.ROOT));
			default -> throw new InvalidRecordException(row.line(), "channel", "must be print, email, sms or all");
		};
	}

	private static SuppressionEntry.Reason reason(OptOutRow row) {
		return switch (row.value("reason").toLowerCase(Locale.ROOT)) {
			case "", "opt-out" -> SuppressionEntry.Reason.OPT_OUT;
			case "deceased" -> SuppressionEntry.Reason.DECEASED;
			case "gone-away" -> SuppressionEntry.Reason.GONE_AWAY;
			default -> throw new InvalidRecordException(row.line(), "reason", "must be opt-out, deceased or gone-away");
		};
	}

	/**
	 * What one row records.
	 *
	 * @param consents withdrawn consents
	 * @param entries suppression list entries and flags
	 */
	record OptOut(List<ConsentEvent> consents, List<SuppressionEntry> entries) {
	}

}
