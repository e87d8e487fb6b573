package io.tidings.csv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Time sanity of what comes back: nothing can answer a communication before it was sent,
 * and nothing has happened later than now. A response, bounce, status report or returned
 * letter dated otherwise is a mistake (a wrong match, an old file, a wrong clock or time
 * zone) and changes no customer's record: it goes to the reject file with the reason.
 * Clocks of other systems may be off by {@link IngestSettings#clockTolerance()}.
 */
@Component
public class ReportTimes {

	private final Clock clock;

	private final Duration tolerance;

	ReportTimes(Clock clock, IngestSettings settings) {
		this.clock = clock;
		this.tolerance = settings.clockTolerance();
	}

	/**
	 * Checks the date of a report.
	 * @param line the report's line, for the reject file
	 * @param field the field that dates it
	 * @param at the date it gives
	 * @param sentAt when the communication it matches was sent, if it matches one that
	 * was
	 * @throws InvalidRecordException when it is dated before the communication was sent,
	 * or in the future
	 */
	public void check(long line, String field, OffsetDateTime at, @Nullable Instant sentAt) {
		Instant moment = at.toInstant();
		if (sentAt != null && moment.isBefore(sentAt.minus(this.tolerance))) {
			throw new InvalidRecordException(line, field,
					"dated " + at + ", before the communication it matches was sent ("
							+ OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC) + ")");
		}
		Instant now = this.clock.instant();
		if (moment.isAfter(now.plus(this.tolerance))) {
			throw new InvalidRecordException(line, field, "dated " + at + ", in the future (now is "
					+ OffsetDateTime.ofInstant(now, ZoneOffset.UTC) + ", tolerance " + this.tolerance + ")");
		}
	}

}
