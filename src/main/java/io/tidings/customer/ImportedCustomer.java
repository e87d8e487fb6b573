package io.tidings.customer;

import java.util.List;

/**
 * A valid customer record from a source file, ready to be matched and merged.
 *
 * @param customer the customer as this source describes it (id = source record id)
 * @param line the line in the source file
 * @param warnings values that were dropped because they were unusable
 */
record ImportedCustomer(Customer customer, long line, List<FieldWarning> warnings) {

	record FieldWarning(long line, String customerId, String field, String reason) {
	}

}
