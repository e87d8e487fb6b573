package io.tidings.schedule;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the scheduler of {@code tidings serve} ({@code tidings.scheduler.*}).
 *
 * @param enabled whether {@code serve} runs job files on their schedules
 * @param pollInterval how often job files are read again and schedules checked
 * @param grace how late a scheduled time may be started and still count as on time; later
 * ones are missed, and the job's {@code schedule.missed} policy applies
 * @param lockTtl how long the database lock of a running campaign lasts without being
 * renewed (it is renewed while the run goes on; a process that died frees it after this)
 */
@Validated
@ConfigurationProperties("tidings.scheduler")
public record SchedulerSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("15s") @DurationMin(nanos = 1, message = "must be positive") Duration pollInterval,
		@DefaultValue("10m") @DurationMin(message = "must not be negative") Duration grace,
		@DefaultValue("2m") @DurationMin(nanos = 1, message = "must be positive") Duration lockTtl) {

}
