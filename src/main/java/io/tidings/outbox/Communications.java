package io.tidings.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.tidings.outbox.CommunicationRows.MAPPER;
import static io.tidings.outbox.CommunicationRows.SELECT;

/**
 * Look-ups of single communications in the ledger: by id, by customer, and the one a
 * response, report or bounce that names no communication id belongs to.
 */
@Repository
public class Communications {

	private final JdbcClient jdbc;

	public Communications(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	public Optional<Communication> find(CommunicationId id) {
		return this.jdbc.sql(SELECT + " WHERE communication_id = ?").param(id.value()).query(MAPPER).optional();
	}

	/**
	 * The communications of a run on one channel, for the customers of one range, that
	 * are not yet delivered ({@code PLANNED} or {@code RENDERED}).
	 */
	public Set<CommunicationId> findNotYetSent(RunRef run, Channel channel, CustomerRange customers) {
		return this.jdbc.sql("""
				SELECT communication_id FROM communication WHERE campaign = ? AND run_key = ? AND channel = ?
				AND state IN ('PLANNED', 'RENDERED') AND customer_id BETWEEN ? AND ?
				""")
			.params(run.campaign(), run.runKey(), channel.name(), customers.first(), customers.last())
			.query((rs, row) -> new CommunicationId(rs.getString(1)))
			.set();
	}

	/**
	 * Every communication of one customer, oldest first.
	 */
	public List<Communication> findByCustomer(String customerId) {
		return this.jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY planned_at, communication_id")
			.param(customerId)
			.query(MAPPER)
			.list();
	}

	/**
	 * One communication of a run in a state for each channel, document kind and offer: a
	 * sample of everything the run holds, at most {@code limit}.
	 */
	public List<Communication> sampleOfEachKind(RunRef run, CommunicationState state, int limit) {
		return this.jdbc.sql(SELECT + """
				 WHERE communication_id IN (SELECT MIN(communication_id) FROM communication
				WHERE campaign = ? AND run_key = ? AND state = ? GROUP BY channel, document_kind, offer_code)
				ORDER BY channel, document_kind, offer_code FETCH FIRST ? ROWS ONLY
				""").params(run.campaign(), run.runKey(), state.name(), limit).query(MAPPER).list();
	}

	/**
	 * The latest communication that offered a product to a customer, to attach a response
	 * that names no communication id.
	 */
	public Optional<Communication> findLatestOffer(String customerId, @Nullable String campaign, String product) {
		return this.jdbc
			.sql(SELECT
					+ """
							 WHERE customer_id = :customer AND offer_code = :product
							 AND (CAST(:campaign AS VARCHAR(100)) IS NULL OR campaign = :campaign) AND state IN ('SENT', 'PRINTED', 'DELIVERED', 'RESPONDED')
							 ORDER BY planned_at DESC, communication_id FETCH FIRST 1 ROWS ONLY
							""")
			.param("customer", customerId)
			.param("product", product)
			.param("campaign", campaign)
			.query(MAPPER)
			.optional();
	}

	/**
	 * The latest communication sent to one of the customers on a channel, to attach a
	 * report that names no communication id.
	 */
	public Optional<Communication> findLatestSent(List<String> customerIds, Channel channel) {
		if (customerIds.isEmpty()) {
			return Optional.empty();
		}
		String marks = customerIds.stream().map(id -> "?").collect(Collectors.joining(", "));
		List<Object> params = new ArrayList<>(customerIds);
		params.add(channel.name());
		return this.jdbc
			.sql(SELECT + " WHERE customer_id IN (" + marks + ") AND channel = ?"
					+ " AND sent_at IS NOT NULL ORDER BY sent_at DESC, communication_id FETCH FIRST 1 ROWS ONLY")
			.params(params)
			.query(MAPPER)
			.optional();
	}

	/**
	 * The communication a transport's own reference belongs to (a Twilio message SID).
	 */
	public Optional<Communication> findByDeliveryRef(String deliveryRef) {
		return this.jdbc.sql(SELECT + " WHERE delivery_ref = ? FETCH FIRST 1 ROWS ONLY")
			.param(deliveryRef)
			.query(MAPPER)
			.optional();
	}

}
