package io.tidings.customer;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;

/**
 * Writes imported customers into the single customer view: a record already imported from
 * the same source id updates its customer; a record matching an existing customer (same
 * name and date of birth) is merged into it; anything else becomes a new customer whose
 * id is the source id. A source record that was merged into another customer is merged
 * the same way when it comes again: it fills gaps but never overrides the customer's own
 * source, nor switches on a consent that source does not give. Every decision goes to the
 * merge log.
 */
class CustomerMergeWriter implements ItemWriter<ImportedCustomer> {

	private final CustomerRepository customers;

	private final String sourceFile;

	private final FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings;

	CustomerMergeWriter(CustomerRepository customers, String sourceFile,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings) {
		this.customers = customers;
		this.sourceFile = sourceFile;
		this.warnings = warnings;
	}

	@Override
	public void write(Chunk<? extends ImportedCustomer> chunk) throws Exception {
		Chunk<ImportedCustomer.FieldWarning> fieldWarnings = new Chunk<>();
		for (ImportedCustomer imported : chunk) {
			merge(imported);
			imported.warnings().forEach(fieldWarnings::add);
		}
		if (!fieldWarnings.isEmpty()) {
			this.warnings.write(fieldWarnings);
		}
	}

	private void merge(ImportedCustomer imported) {
		Customer incoming = imported.customer();
		String sourceId = incoming.id();
		Optional<Customer> sameSource = this.customers.findIdBySource(sourceId).flatMap(this.customers::findById);
		if (sameSource.isPresent()) {
			Customer stored = sameSource.get();
			Customer updated = stored.id().equals(sourceId) ? CustomerMatching.updateFromSameSource(stored, incoming)
					: CustomerMatching.mergeOtherSource(stored, incoming);
			save(updated, sourceId, "same source id", imported.line());
			return;
		}
		Optional<Customer> samePerson = this.customers.findByMatchKey(CustomerMatching.matchKey(incoming));
		if (samePerson.isPresent()) {
			save(CustomerMatching.mergeOtherSource(samePerson.get(), incoming), sourceId, "same name and date of birth",
					imported.line());
			return;
		}
		Optional<Customer> sameId = this.customers.findById(sourceId);
		if (sameId.isPresent()) {
			save(CustomerMatching.updateFromSameSource(sameId.get(), incoming), sourceId, "same customer id",
					imported.line());
			return;
		}
		save(incoming, sourceId, "new customer", imported.line());
	}

	private void save(Customer customer, String sourceId, String rule, long line) {
		this.customers.save(customer, CustomerMatching.matchKey(customer));
		this.customers.recordSource(sourceId, customer.id(), rule, this.sourceFile, line);
	}

}
