/**
 * Twilio's webhooks in {@code tidings serve}: status callbacks and inbound messages
 * (accepted only with a valid Twilio request signature, applied like an ingested file).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "sms" })
@org.jspecify.annotations.NullMarked
package io.tidings.webhook;
