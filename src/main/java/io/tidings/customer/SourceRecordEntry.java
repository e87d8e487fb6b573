package io.tidings.customer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of the merge log: a source record and the customer it became.
 *
 * @param sourceId the record's id in its source file
 * @param customerId the customer it was matched to or became
 * @param rule why (new customer, same source id, same date of birth and similar name...)
 * @param score how alike the record and the customer were, when matched
 * @param sourceFile the file it came from
 * @param sourceLine its line there
 * @param importedAt when it was last imported
 * @param snapshot the record's own values, to rebuild customers when a merge is undone
 */
public record SourceRecordEntry(String sourceId, String customerId, String rule, @Nullable Double score,
		String sourceFile, long sourceLine, Instant importedAt, @Nullable Customer snapshot) {

}
