package io.tidings.response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.ReportTimes;
import io.tidings.customer.CustomerRepository;
import io.tidings.offer.ProductCodes;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.Communications;

/**
 * Turns a response row into a response of a known customer. A row names the customer, the
 * communication, or both; a communication id fills in customer, campaign and product when
 * the row leaves them out. A response dated before that communication was sent, or in the
 * future, is refused.
 */
class ResponseRecordValidator {

	private static final Pattern PRODUCT_CODE = Pattern.compile("[A-Z0-9_]{1,40}");

	private static final Set<String> CHANNELS = Set.of("print", "email", "sms", "phone", "branch", "web");

	private final CustomerRepository customers;

	private final Communications communications;

	private final String sourceFile;

	private final ReportTimes times;

	ResponseRecordValidator(CustomerRepository customers, Communications communications, String sourceFile,
			ReportTimes times) {
		this.customers = customers;
		this.communications = communications;
		this.sourceFile = sourceFile;
		this.times = times;
	}

	ContactResponse validate(ResponseRow row) {
		long line = row.line();
		Communication communication = communication(row);
		String customerId = customerId(row, communication);
		String campaign = blankToNull(row.value("campaign"));
		if (campaign == null && communication != null) {
			campaign = communication.run().campaign();
		}
		if (campaign != null && (campaign.length() > 100 || campaign.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidRecordException(line, "campaign", "longer than 100 characters or has a control character");
		}
		String product = blankToNull(row.value("product"));
		if (product == null && communication != null) {
			product = communication.offerCode();
		}
		if (product == null) {
			throw new InvalidRecordException(line, "product", "missing product");
		}
		product = ProductCodes.normalise(product);
		if (!PRODUCT_CODE.matcher(product).matches()) {
			throw new InvalidRecordException(line, "product", "not a product code (up to 40 letters, digits, - and _)");
		}
		ResponseOutcome outcome = ResponseOutcome.parse(row.value("outcome"))
			.orElseThrow(() -> new InvalidRecordException(line, "outcome",
					"must be responded, purchased, declined, complained or interested"));
		OffsetDateTime occurredAt;
		try {
			occurredAt = OffsetDateTime.parse(row.value("occurred_at"));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRecordException(line, "occurred_at",
					"not an ISO-8601 date-time with offset (e.g. 2026-06-14T10:32:00+01:00)");
		}
		this.times.check(line, "occurred_at", occurredAt, (communication != null) ? communication.sentAt() : null);
		String channel = blankToNull(row.value("channel"));
		if (channel != null) {
			channel = channel.toLowerCase(Locale.ROOT);
			if (!CHANNELS.contains(channel)) {
				throw new InvalidRecordException(line, "channel", "must be one of " + CHANNELS);
			}
		}
		String responseId = hash(customerId, (communication != null) ? communication.id().value() : "", campaign,
				product, outcome.name(), occurredAt.toInstant().toString(), channel);
		return new ContactResponse(responseId, customerId, (communication != null) ? communication.id().value() : null,
				campaign, product, outcome, occurredAt, channel, this.sourceFile, line);
	}

	private @Nullable Communication communication(ResponseRow row) {
		String id = blankToNull(row.value("communication_id"));
		if (id == null) {
			return null;
		}
		try {
			return this.communications.find(new CommunicationId(id))
				.orElseThrow(() -> new InvalidRecordException(row.line(), "communication_id", "unknown communication"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(row.line(), "communication_id", "not a communication id");
		}
	}

	private String customerId(ResponseRow row, @Nullable Communication communication) {
		String given = blankToNull(row.value("customer_id"));
		if (given == null) {
			if (communication == null) {
				throw new InvalidRecordException(row.line(), "customer_id",
						"a customer_id or a communication_id is required");
			}
			return communication.customerId();
		}
		String customerId = this.customers.findIdBySource(given)
			.orElseThrow(() -> new InvalidRecordException(row.line(), "customer_id", "unknown customer " + given));
		if (communication != null && !communication.customerId().equals(customerId)) {
			throw new InvalidRecordException(row.line(), "communication_id",
					"the communication was sent to another customer");
		}
		return customerId;
	}

	private static @Nullable String blankToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	static String hash(@Nullable String... parts) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0x1f);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
