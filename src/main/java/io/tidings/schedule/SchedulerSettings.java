package io.tidings.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("tidings.scheduler")
public record SchedulerSettings(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration pollInterval,
		@DefaultValue("10m") Duration grace, @DefaultValue("2m") Duration lockTtl) {

}
