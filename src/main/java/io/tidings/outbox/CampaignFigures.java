package io.tidings.outbox;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the ledger holds of a campaign's real runs (dry runs left out), for reports and
 * metrics: counted by the database, or streamed a customer at a time, never held whole.
 */
@Component
public class CampaignFigures {

	private static final String REAL_RUNS = "campaign = :campaign AND " + RunRef.NOT_A_DRY_RUN;

	/** Cross-sell communications that went out (whatever came back). */
	private static final String CONTACTED = REAL_RUNS + " AND document_kind = 'CROSS_SELL'"
			+ " AND state IN ('SENT', 'PRINTED', 'DELIVERED', 'BOUNCED', 'RESPONDED', 'COMPLAINED')";

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	CampaignFigures(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = JdbcClient.create(dataSource);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * A count of communications in one group.
	 *
	 * @param group the channel or the state
	 * @param key the state or the reason code ({@code unspecified} when none)
	 * @param count how many
	 */
	public record GroupCount(String group, String key, long count) {

	}

	/**
	 * A cross-sell communication that went out, with what it offered and to whom.
	 *
	 * @param communicationId its id
	 * @param customerId the customer
	 * @param campaign the campaign
	 * @param offerCode the offer
	 * @param variant the experiment variant, if any
	 * @param valueTier the customer's value tier, if known
	 * @param channel the channel
	 * @param state its state
	 */
	public record CrossSellContact(String communicationId, String customerId, String campaign,
			@Nullable String offerCode, @Nullable String variant, @Nullable String valueTier, Channel channel,
			CommunicationState state) {

	}

	/** The campaign's real runs, oldest first. */
	public List<String> runs(String campaign) {
		return this.jdbc.sql("SELECT DISTINCT run_key FROM communication WHERE " + REAL_RUNS + " ORDER BY run_key")
			.param("campaign", campaign)
			.query(String.class)
			.list();
	}

	/** Communications of the campaign's real runs by channel and state. */
	public List<GroupCount> byChannelAndState(String campaign) {
		return this.jdbc
			.sql("SELECT channel, state, COUNT(*) AS total FROM communication WHERE " + REAL_RUNS
					+ " GROUP BY channel, state ORDER BY channel, state")
			.param("campaign", campaign)
			.query((rs, n) -> new GroupCount(rs.getString("channel"), rs.getString("state"), rs.getLong("total")))
			.list();
	}

	/** Communications of every campaign and run by channel and state. */
	public List<GroupCount> allByChannelAndState() {
		return this.jdbc.sql("SELECT channel, state, COUNT(*) AS total FROM communication GROUP BY channel, state")
			.query((rs, n) -> new GroupCount(rs.getString("channel"), rs.getString("state"), rs.getLong("total")))
			.list();
	}

	/**
	 * Why the campaign's communications were suppressed, failed or bounced, most first.
	 */
	public List<GroupCount> reasons(String campaign) {
		return this.jdbc.sql("""
				SELECT state, COALESCE(reason_code, 'unspecified') AS reason, COUNT(*) AS total FROM communication
				WHERE %s AND state IN ('SUPPRESSED', 'FAILED', 'BOUNCED')
				GROUP BY state, COALESCE(reason_code, 'unspecified') ORDER BY state, total DESC
				""".formatted(REAL_RUNS))
			.param("campaign", campaign)
			.query((rs, n) -> new GroupCount(rs.getString("state"), rs.getString("reason"), rs.getLong("total")))
			.list();
	}

	/** Each cross-sell communication of the campaign that went out, by customer. */
	public void forEachCrossSellContact(String campaign, Consumer<CrossSellContact> action) {
		streamed(() -> {
			try (Stream<CrossSellContact> contacts = this.jdbc.sql("""
					SELECT communication_id, customer_id, campaign, offer_code, variant, value_tier, channel, state
					FROM communication WHERE %s ORDER BY customer_id, communication_id
					""".formatted(CONTACTED))
				.param("campaign", campaign)
				.withFetchSize(500)
				.query((rs, n) -> new CrossSellContact(rs.getString("communication_id"), rs.getString("customer_id"),
						rs.getString("campaign"), rs.getString("offer_code"), rs.getString("variant"),
						rs.getString("value_tier"), Channel.valueOf(rs.getString("channel")),
						CommunicationState.valueOf(rs.getString("state"))))
				.stream()) {
				contacts.forEach(action);
			}
		});
	}

	/** Each customer the campaign held out of marketing as its control group, once. */
	public void forEachControlGroupCustomer(String campaign, Consumer<String> action) {
		streamed(() -> {
			try (Stream<String> customers = this.jdbc
				.sql("SELECT DISTINCT customer_id FROM communication WHERE " + REAL_RUNS
						+ " AND reason_code = 'control-group' ORDER BY customer_id")
				.param("campaign", campaign)
				.withFetchSize(500)
				.query(String.class)
				.stream()) {
				customers.forEach(action);
			}
		});
	}

	/**
	 * Runs a streaming query in a read-only transaction: PostgreSQL's driver fetches rows
	 * in batches only inside one, and reads them all into memory otherwise.
	 */
	private void streamed(Runnable query) {
		this.readOnly.executeWithoutResult((status) -> query.run());
	}

}
