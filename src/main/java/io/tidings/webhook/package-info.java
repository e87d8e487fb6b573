/**
 * Webhooks of {@code tidings serve}: Twilio's status callbacks and inbound messages,
 * accepted only with a valid Twilio request signature and applied like an ingested file.
 */
@org.jspecify.annotations.NullMarked
package io.tidings.webhook;
