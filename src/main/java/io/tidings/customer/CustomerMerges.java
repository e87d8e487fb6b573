package io.tidings.customer;

import java.util.List;
import java.util.Optional;

import io.tidings.InvalidInputException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The merge log and undoing a merge: a source record merged into a customer by mistake
 * becomes a customer of its own again (with the values it had in its file), the customer
 * it was merged into is rebuilt from its remaining source records, and the two are never
 * merged again.
 */
@Component
public class CustomerMerges {

	private final CustomerRepository customers;

	CustomerMerges(CustomerRepository customers) {
		this.customers = customers;
	}

	/**
	 * The merge log of the customer a source id belongs to.
	 */
	public List<SourceRecordEntry> log(String sourceOrCustomerId) {
		String customerId = this.customers.findIdBySource(sourceOrCustomerId).orElse(sourceOrCustomerId);
		return this.customers.sources(customerId);
	}

	/**
	 * Separates a source record from the customer it was merged into.
	 * @return the rebuilt customer and the new one
	 * @throws InvalidInputException when the source id is unknown, was not merged, or is
	 * the customer's own record
	 */
	@Transactional
	public Unmerged unmerge(String sourceId) {
		String customerId = this.customers.findIdBySource(sourceId)
			.orElseThrow(() -> new InvalidInputException("no imported source record has id " + sourceId));
		if (customerId.equals(sourceId)) {
			throw new InvalidInputException("source record " + sourceId
					+ " is the customer's own record; undo the merge of the other records instead");
		}
		List<SourceRecordEntry> sources = this.customers.sources(customerId);
		SourceRecordEntry separated = sources.stream()
			.filter(entry -> entry.sourceId().equals(sourceId))
			.findFirst()
			.orElseThrow();
		if (separated.snapshot() == null) {
			throw new InvalidInputException("source record " + sourceId
					+ " was imported before merges kept their values; import its file again first");
		}
		Customer own = separated.snapshot();
		this.customers.save(own, CustomerMatching.matchKey(own));
		this.customers.recordSource(sourceId, sourceId, "merge with " + customerId + " undone by a user", null, own,
				separated.sourceFile(), separated.sourceLine());
		this.customers.excludeMerge(sourceId, customerId);
		Optional<Customer> rebuilt = Optional.empty();
		for (SourceRecordEntry entry : sources) {
			if (entry.sourceId().equals(sourceId) || entry.snapshot() == null) {
				continue;
			}
			Customer values = entry.snapshot();
			if (rebuilt.isEmpty()) {
				rebuilt = Optional.of(withId(values, customerId));
			}
			else {
				rebuilt = Optional.of(entry.sourceId().equals(customerId)
						? CustomerMatching.updateFromSameSource(rebuilt.get(), values)
						: CustomerMatching.mergeOtherSource(rebuilt.get(), values));
			}
		}
		rebuilt.ifPresent(customer -> this.customers.save(customer, CustomerMatching.matchKey(customer)));
		return new Unmerged(this.customers.findById(customerId).orElseThrow(), own);
	}

	private static Customer withId(Customer values, String id) {
		return new Customer(id, values.salutation(), values.firstName(), values.lastName(), values.language(),
				values.address(), values.email(), values.phone(), values.birthDate(), values.balance(),
				values.currency(), values.holdings(), values.children(), values.maritalStatus(), values.consentEmail(),
				values.consentSms(), values.paperless(), values.attributes(), values.account());
	}

	/**
	 * What undoing a merge left.
	 *
	 * @param customer the customer the record had been merged into, rebuilt
	 * @param separated the new customer made of the separated record
	 */
	public record Unmerged(Customer customer, Customer separated) {
	}

}
