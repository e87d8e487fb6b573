/**
 * Twilio's webhooks in {@code tidings serve}: status callbacks and inbound messages
 * (accepted only with a valid Twilio request signature, applied like an ingested file).
 */
@org.jspecify.annotations.NullMarked
package io.tidings.webhook;
