package io.tidings.offer;

/**
 * The texts of an offer in one language.
 *
 * @param headline short title
 * @param body one or two sentences for letters and email
 * @param callToAction what the customer should do
 * @param sms the SMS text (keep it short: every 160 GSM-7 or 70 other characters is one
 * more segment)
 */
public record OfferContent(String headline, String body, String callToAction, String sms) {

}
