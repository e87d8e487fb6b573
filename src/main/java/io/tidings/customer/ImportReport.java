package io.tidings.customer;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an import did.
 *
 * @param completed whether the import ran to its end
 * @param failure why it stopped, when it did not complete
 * @param customers counts of the customer file
 * @param transactions counts of the transaction file
 * @param merges source records by match rule (new customer, same source id, same name and
 * date of birth...)
 * @param rejectFile the customer reject file, when records were rejected
 * @param warningFile the customer warning file, when values were dropped
 * @param transactionRejectFile the transaction reject file, when records were rejected
 */
public record ImportReport(boolean completed, @Nullable String failure, Counts customers, Counts transactions,
		Map<String, Long> merges, @Nullable Path rejectFile, @Nullable Path warningFile,
		@Nullable Path transactionRejectFile) {

	/**
	 * @param records records read (including rejected ones)
	 * @param imported records written
	 * @param rejected records rejected
	 */
	public record Counts(long records, long imported, long rejected) {
	}

}
