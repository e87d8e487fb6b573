package io.tidings.customer;

/**
 * Customers in postal order (country, then postal code), as an SQL expression other
 * modules' queries sort their rows by: the customer table stays named in this module's
 * SQL only.
 */
public final class PostalOrder {

	private PostalOrder() {
	}

	/**
	 * An SQL expression giving the postal order of the customer whose id is in a column
	 * (a customer whose row is gone sorts first).
	 * @param customerIdColumn the column, qualified by its table where the query needs it
	 */
	public static String of(String customerIdColumn) {
		if (!customerIdColumn.matches("[a-z_]+(\\.[a-z_]+)?")) {
			throw new IllegalArgumentException("Not a column name: " + customerIdColumn);
		}
		return "COALESCE((SELECT customer.country || ' ' || COALESCE(customer.postcode, '') FROM customer"
				+ " WHERE customer.customer_id = " + customerIdColumn + "), '')";
	}

}
