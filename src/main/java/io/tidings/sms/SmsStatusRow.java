package io.tidings.sms;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.csv.InvalidRecordException;
import io.tidings.csv.SourceRecord;

/**
 * One row of an SMS status file (Twilio's status callback fields, or its message log
 * export), before validation.
 *
 * @param line line number
 * @param record the record as it was in the file
 * @param header the file's columns
 * @param values values in header order
 */
record SmsStatusRow(long line, String record, List<String> header, List<String> values) implements SourceRecord {

	private static final Set<String> STATUSES = Set.of("accepted", "scheduled", "queued", "sending", "sent",
			"delivered", "undelivered", "failed", "read", "receiving", "received", "canceled", "partially_delivered");

	@Nullable String value(String column) {
		for (int i = 0; i < this.header.size(); i++) {
			if (this.header.get(i).equalsIgnoreCase(column)) {
				String value = this.values.get(i).strip();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	/**
	 * The report this row holds.
	 * @throws InvalidRecordException when it names no message or has no usable status
	 */
	SmsReport validate() {
		SmsReport report = SmsReport.of(this::value);
		if (report.status() != null && !STATUSES.contains(report.status())) {
			throw new InvalidRecordException(this.line, "Status",
					"'" + report.status() + "' is not a Twilio message status");
		}
		if (report.inbound()) {
			if (report.from() == null) {
				throw new InvalidRecordException(this.line, "From", "an inbound message without the sender's number");
			}
			return report;
		}
		if (report.status() == null) {
			throw new InvalidRecordException(this.line, "MessageStatus",
					"no status (MessageStatus or Status) and no inbound Body");
		}
		if (report.messageSid() == null && report.communicationId() == null) {
			throw new InvalidRecordException(this.line, "MessageSid",
					"names no message: MessageSid (or Sid) or communicationId is required");
		}
		if (report.errorCode() != null && !report.errorCode().matches("\\d{1,6}")) {
			throw new InvalidRecordException(this.line, "ErrorCode",
					"'" + report.errorCode().toLowerCase(Locale.ROOT) + "' is not a Twilio error code");
		}
		return report;
	}

}
