/**
 * HTTP endpoints of {@code tidings serve}: Twilio's status callbacks and inbound messages
 * (accepted only with a valid Twilio request signature, applied like an ingested file),
 * and one-click unsubscribe from marketing email (RFC 8058).
 */
@org.jspecify.annotations.NullMarked
package io.tidings.webhook;
