package io.tidings.customer;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;

/**
 * Writes imported customers into the single customer view: a record already imported from
 * the same source id updates its customer; a record that {@link CustomerMatcher matches}
 * a known customer is merged into it; anything else becomes a new customer whose id is
 * the source id. A source record that was merged into another customer is merged the same
 * way when it comes again: it fills gaps but never overrides the customer's own source,
 * nor switches on a consent that source does not give. Every decision goes to the merge
 * log with the record's own values, so that a merge can be undone.
 */
class CustomerMergeWriter implements ItemWriter<ImportedCustomer> {

	private final CustomerRepository customers;

	private final String sourceFile;

	private final FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings;

	private final CustomerMatcher matcher = new CustomerMatcher();

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
			save(updated, incoming, "same source id", null, imported.line());
			return;
		}
		Optional<Customer> sameId = this.customers.findById(sourceId);
		if (sameId.isPresent()) {
			save(CustomerMatching.updateFromSameSource(sameId.get(), incoming), incoming, "same customer id", null,
					imported.line());
			return;
		}
		CustomerMatcher.MatchResult result = this.matcher.match(incoming,
				this.customers.findCandidates(incoming, sourceId));
		if (result.match().isPresent()) {
			CustomerMatcher.Match match = result.match().get();
			save(CustomerMatching.mergeOtherSource(match.customer(), incoming), incoming, match.rule(), match.score(),
					imported.line());
			return;
		}
		String rule = result.conflicts().isEmpty() ? "new customer"
				: "new customer; kept apart: " + String.join("; ", result.conflicts());
		save(incoming, incoming, rule, null, imported.line());
	}

	private void save(Customer customer, Customer source, String rule, @Nullable Double score, long line) {
		this.customers.save(customer, CustomerMatching.matchKey(customer));
		this.customers.recordSource(source.id(), customer.id(),
				(rule.length() > 1000) ? rule.substring(0, 997) + "..." : rule, score, source, this.sourceFile, line);
	}

}
