/**
 * Data retention and requests about one customer's data: purging archived documents and
 * contact history past their retention period, exporting everything held on a customer,
 * erasing a customer's personal data while keeping what the law or a legal hold requires;
 * each recorded in {@code privacy_action}. This module knows which tables hold personal
 * data, so it works on them directly rather than through every owner's API.
 */
@org.jspecify.annotations.NullMarked
package io.tidings.privacy;
