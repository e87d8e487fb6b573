package io.tidings.customer;

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
		CustomerRepository.SourceLookup known = this.customers.lookUpSource(sourceId);
		Placement placement;
		if (known.mergedInto() != null) {
			Customer stored = known.mergedInto();
			placement = new Placement(
					stored.id().equals(sourceId) ? CustomerMatching.updateFromSameSource(stored, incoming)
							: CustomerMatching.mergeOtherSource(stored, incoming),
					true, "same source id", null);
		}
		else if (known.sameId() != null) {
			placement = new Placement(CustomerMatching.updateFromSameSource(known.sameId(), incoming), true,
					"same customer id", null);
		}
		else {
			placement = placeByMatching(incoming, sourceId);
		}
		Customer customer = placement.customer();
		String matchKey = CustomerMatching.matchKey(customer);
		if (!placement.known() || !this.customers.update(customer, matchKey)) {
			this.customers.insert(customer, matchKey);
		}
		String rule = (placement.rule().length() > 1000) ? placement.rule().substring(0, 997) + "..."
				: placement.rule();
		if (!known.recorded() || !this.customers.updateSource(sourceId, customer.id(), rule, placement.score(),
				incoming, this.sourceFile, imported.line())) {
			this.customers.insertSource(sourceId, customer.id(), rule, placement.score(), incoming, this.sourceFile,
					imported.line());
		}
	}

	private Placement placeByMatching(Customer incoming, String sourceId) {
		CustomerMatcher.MatchResult result = this.matcher.match(incoming,
				this.customers.findCandidates(incoming, sourceId));
		if (result.match().isPresent()) {
			CustomerMatcher.Match match = result.match().get();
			return new Placement(CustomerMatching.mergeOtherSource(match.customer(), incoming), true, match.rule(),
					match.score());
		}
		String rule = result.conflicts().isEmpty() ? "new customer"
				: "new customer; kept apart: " + String.join("; ", result.conflicts());
		return new Placement(incoming, false, rule, null);
	}

	/**
	 * Where a source record goes: the customer as it is to be stored, whether that
	 * customer is stored already, and why.
	 */
	private record Placement(Customer customer, boolean known, String rule, @Nullable Double score) {
	}

}
