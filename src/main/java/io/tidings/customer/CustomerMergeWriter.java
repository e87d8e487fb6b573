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
 * <p>
 * In a partition of an import ({@link CustomerComponents}), records of other partitions
 * may be merged into the same known customer at the same time: the writer then locks that
 * customer and merges into it as it stands, so that no partition's merge overwrites
 * another's.
 */
class CustomerMergeWriter implements ItemWriter<ImportedCustomer> {

	private final CustomerRepository customers;

	private final String sourceFile;

	private final @Nullable FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings;

	private final boolean partitioned;

	/** How often a match is decided again when other partitions change its customer. */
	private static final int MATCH_ATTEMPTS = 5;

	private final CustomerMatcher matcher = new CustomerMatcher();

	CustomerMergeWriter(CustomerRepository customers, String sourceFile,
			FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings) {
		this(customers, sourceFile, warnings, false);
	}

	/**
	 * @param warnings where the records' unusable values go; {@code null} when the pass
	 * that checked the records wrote them already
	 * @param partitioned whether other partitions of the import write at the same time
	 */
	CustomerMergeWriter(CustomerRepository customers, String sourceFile,
			@Nullable FlatFileItemWriter<ImportedCustomer.FieldWarning> warnings, boolean partitioned) {
		this.customers = customers;
		this.sourceFile = sourceFile;
		this.warnings = warnings;
		this.partitioned = partitioned;
	}

	@Override
	public void write(Chunk<? extends ImportedCustomer> chunk) throws Exception {
		Chunk<ImportedCustomer.FieldWarning> fieldWarnings = new Chunk<>();
		for (ImportedCustomer imported : chunk) {
			merge(imported);
			imported.warnings().forEach(fieldWarnings::add);
		}
		if (!fieldWarnings.isEmpty() && this.warnings != null) {
			this.warnings.write(fieldWarnings);
		}
	}

	private void merge(ImportedCustomer imported) {
		Customer incoming = imported.customer();
		String sourceId = incoming.id();
		CustomerRepository.SourceLookup known = this.customers.lookUpSource(sourceId);
		Placement placement;
		if (known.mergedInto() != null) {
			Customer stored = current(known.mergedInto());
			placement = new Placement(
					stored.id().equals(sourceId) ? CustomerMatching.updateFromSameSource(stored, incoming)
							: CustomerMatching.mergeOtherSource(stored, incoming),
					true, "same source id", null);
		}
		else if (known.sameId() != null) {
			placement = new Placement(CustomerMatching.updateFromSameSource(current(known.sameId()), incoming), true,
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
		for (int attempt = 1;; attempt++) {
			CustomerMatcher.MatchResult result = this.matcher.match(incoming,
					this.customers.findCandidates(incoming, sourceId));
			if (result.match().isEmpty()) {
				String rule = result.conflicts().isEmpty() ? "new customer"
						: "new customer; kept apart: " + String.join("; ", result.conflicts());
				return new Placement(incoming, false, rule, null);
			}
			CustomerMatcher.Match match = result.match().get();
			Customer stored = current(match.customer());
			if (stored.equals(match.customer())) {
				return new Placement(CustomerMatching.mergeOtherSource(stored, incoming), true, match.rule(),
						match.score());
			}
			// another partition merged a record into it since it was read: decide again
			// with it as it stands, locked now
			if (attempt == MATCH_ATTEMPTS) {
				throw new IllegalStateException("Customer " + match.customer().id() + " changed " + MATCH_ATTEMPTS
						+ " times while source record " + sourceId + " was matched against it");
			}
		}
	}

	/** The customer as it stands, locked, when other partitions may change it. */
	private Customer current(Customer stored) {
		return this.partitioned ? this.customers.lock(stored.id()).orElse(stored) : stored;
	}

	/**
	 * Where a source record goes: the customer as it is to be stored, whether that
	 * customer is stored already, and why.
	 */
	private record Placement(Customer customer, boolean known, String rule, @Nullable Double score) {
	}

}
