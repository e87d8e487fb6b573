package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Customers for tests.
 */
public final class CustomerFixture {

	private CustomerFixture() {
	}

	/** A reachable customer: address, email and mobile, with all consents. */
	public static Customer aCustomer() {
		return new Customer("C1", "Ms", "Zoë", "Brontë-Smith", "en",
				new PostalAddress("1 High Street", null, "SW1A 1AA", "London", "GB"), "zoe@example.com",
				"+447400123456", LocalDate.of(1985, 5, 17), new BigDecimal("5000.00"), "GBP", Set.of("CURRENT_ACCOUNT"),
				2, "married", true, true, false, Map.of("trips_12m", "1"));
	}

	public static Customer aCustomerWithoutEmail() {
		Customer c = aCustomer();
		return new Customer(c.id(), c.salutation(), c.firstName(), c.lastName(), c.language(), c.address(), null,
				c.phone(), c.birthDate(), c.balance(), c.currency(), c.holdings(), c.children(), c.maritalStatus(),
				c.consentEmail(), c.consentSms(), c.paperless(), c.attributes());
	}

	public static Customer aCustomerWithoutConsents() {
		Customer c = aCustomer();
		return new Customer(c.id(), c.salutation(), c.firstName(), c.lastName(), c.language(), c.address(), c.email(),
				c.phone(), c.birthDate(), c.balance(), c.currency(), c.holdings(), c.children(), c.maritalStatus(),
				false, false, c.paperless(), c.attributes());
	}

	public static Customer aCustomerWithoutAddress() {
		Customer c = aCustomerWithoutConsents();
		return new Customer(c.id(), c.salutation(), c.firstName(), c.lastName(), c.language(),
				new PostalAddress(null, null, null, null, "GB"), c.email(), c.phone(), c.birthDate(), c.balance(),
				c.currency(), c.holdings(), c.children(), c.maritalStatus(), c.consentEmail(), c.consentSms(),
				c.paperless(), c.attributes());
	}

	public static Customer aCustomerHolding(String... products) {
		Customer c = aCustomer();
		return new Customer(c.id(), c.salutation(), c.firstName(), c.lastName(), c.language(), c.address(), c.email(),
				c.phone(), c.birthDate(), c.balance(), c.currency(), Set.of(products), c.children(), c.maritalStatus(),
				c.consentEmail(), c.consentSms(), c.paperless(), c.attributes());
	}

}
