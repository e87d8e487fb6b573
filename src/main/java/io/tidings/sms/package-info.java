/**
 * SMS: text messages from templates with their GSM-7/UCS-2 encoding and segment count
 * known before sending, delivered through Twilio when credentials are configured, else
 * written as JSON lines to an outbox file.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "archive", "csv", "customer", "outbox", "policy", "render" })
@org.jspecify.annotations.NullMarked
package io.tidings.sms;
