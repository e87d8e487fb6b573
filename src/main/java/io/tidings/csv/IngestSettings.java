package io.tidings.csv;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of every ingest ({@code tidings.ingest.*}).
 *
 * @param clockTolerance how far the clocks of the systems that report back (mail servers,
 * Twilio, the CRM, the post room) may be off from Tidings' own: a report dated more than
 * this before the communication it matches was sent, or more than this after now, is
 * refused
 */
@ConfigurationProperties("tidings.ingest")
public record IngestSettings(@DefaultValue("5m") Duration clockTolerance) {

}
