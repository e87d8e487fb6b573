package io.tidings.csv;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of every ingest ({@code tidings.ingest.*}).
 *
 * @param clockTolerance how far the clocks of the systems that report back (mail servers,
 * Twilio, the CRM, the post room) may be off from Tidings' own: a report dated more than
 * this before the communication it matches was sent, or more than this after now, is
 * refused
 */
@Validated
@ConfigurationProperties("tidings.ingest")
public record IngestSettings(
		@DefaultValue("5m") @DurationMin(message = "must not be negative") Duration clockTolerance) {

}
