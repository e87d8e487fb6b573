package io.tidings.history;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything held on a customer, row by row and column by column as the owning modules
 * store it, for the privacy export.
 *
 * @param customer the customer row
 * @param sourceRecords the imported source records merged into it
 * @param transactions account transactions
 * @param communications ledger rows
 * @param responses responses
 * @param consentEvents consent given and withdrawn
 * @param statementPreferences statement delivery choices
 * @param responseScores response scores per product
 * @param audiences the run audiences the customer was in
 */
public record CustomerRecords(Map<String, @Nullable Object> customer, List<Map<String, @Nullable Object>> sourceRecords,
		List<Map<String, @Nullable Object>> transactions, List<Map<String, @Nullable Object>> communications,
		List<Map<String, @Nullable Object>> responses, List<Map<String, @Nullable Object>> consentEvents,
		List<Map<String, @Nullable Object>> statementPreferences, List<Map<String, @Nullable Object>> responseScores,
		List<Map<String, @Nullable Object>> audiences) {

}
