package io.tidings.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.SourceRecordEntry;
import io.tidings.outbox.Communication;
import io.tidings.outbox.DeliveryEvent;
import io.tidings.policy.ConsentEvent;
import io.tidings.policy.ContactPermissions;
import io.tidings.policy.StatementPreference;
import io.tidings.policy.SuppressionEntry;
import io.tidings.response.ContactResponse;

/**
 * A customer's timeline as the call centre and the command line show it.
 *
 * @param customer the customer
 * @param mergedSourceId the source record id asked for, when it was merged into this
 * customer
 * @param mergeLog the source records merged into the customer and why
 * @param household customers at the same address
 * @param permissions what they allow per channel now
 * @param communications what they were sent (or why not), in the order planned
 * @param consentHistory consent given and withdrawn
 * @param suppressions suppression list entries that apply to them
 * @param statementPreferences paper or paperless statements, as chosen
 * @param responses their responses
 * @param deliveryReports bounces, receipts, replies, returned mail
 */
public record CustomerHistory(Customer customer, @Nullable String mergedSourceId, List<SourceRecordEntry> mergeLog,
		List<String> household, ContactPermissions permissions, List<Communication> communications,
		List<ConsentEvent> consentHistory, List<SuppressionEntry> suppressions,
		List<StatementPreference> statementPreferences, List<ContactResponse> responses,
		List<DeliveryEvent> deliveryReports) {

	/**
	 * The communications, newest first.
	 */
	public List<Communication> communicationsNewestFirst() {
		List<Communication> newestFirst = new ArrayList<>(this.communications);
		Collections.reverse(newestFirst);
		return newestFirst;
	}

}
