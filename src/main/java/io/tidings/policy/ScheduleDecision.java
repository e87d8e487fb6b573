package io.tidings.policy;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * When a planned communication may go, or why it may not go at all.
 */
public sealed interface ScheduleDecision permits ScheduleDecision.Scheduled, ScheduleDecision.Refused {

	/** Deferral code: the day is an avoided weekday. */
	String WEEKDAY = "weekday";

	/** Deferral code: the day is a public holiday in the customer's country. */
	String PUBLIC_HOLIDAY = "public-holiday";

	/** Deferral code: a frequency cap is reached in the period of the day. */
	String FREQUENCY_CAP = "frequency-cap";

	/** Deferral code: the campaign's capacity of the day is used up. */
	String CAPACITY = "capacity";

	/** Deferral code: outside the channel's send window in the customer's local time. */
	String SEND_WINDOW = "send-window";

	/**
	 * The communication drops on a day, not before a moment.
	 *
	 * @param dropDate the day it drops
	 * @param notBefore the earliest moment it may be sent, {@code null} for at once
	 * @param deferralCode why it does not go at once on the run's first day, if it does
	 * not
	 * @param deferralReason the same in words
	 */
	record Scheduled(LocalDate dropDate, @Nullable Instant notBefore, @Nullable String deferralCode,
			@Nullable String deferralReason) implements ScheduleDecision {
	}

	/**
	 * No allowed day until the last one it could go on: it is suppressed with the reason.
	 *
	 * @param code the code of what blocked its last possible day
	 * @param reason why it cannot go
	 */
	record Refused(String code, String reason) implements ScheduleDecision {
	}

}
