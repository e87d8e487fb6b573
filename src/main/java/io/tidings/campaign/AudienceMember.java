package io.tidings.campaign;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.ValueTier;

/**
 * A customer of a run's audience and what the select stage fixed for them.
 *
 * @param customer the customer
 * @param tier value tier in this run
 * @param inControlGroup held out of marketing, to measure lift
 * @param variant experiment variant, when the job has variants
 * @param priority best expected value of an offer; the decide stage goes from the highest
 */
record AudienceMember(Customer customer, ValueTier tier, boolean inControlGroup, @Nullable String variant,
		double priority) {

}
