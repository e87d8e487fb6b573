/**
 * The customer preference centre: signed, expiring links in every email and SMS, and the
 * public pages of {@code tidings serve} they lead to (one-click unsubscribe, the
 * preference page, "I'm interested"). Every choice made there goes through the consent
 * and response records of the contact policy and response modules, with source
 * {@value io.tidings.preference.PreferenceCentre#SOURCE}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "customer", "outbox", "policy", "response" })
@org.jspecify.annotations.NullMarked
package io.tidings.preference;
