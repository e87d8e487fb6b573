package io.tidings.response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import io.tidings.offer.ResponseSignal;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Contact history of responses.
 */
@Repository
public class ContactResponseRepository {

	private static final RowMapper<ContactResponse> CONTACT_RESPONSE = (rs, n) -> new ContactResponse(
			rs.getString("response_id"), rs.getString("customer_id"), rs.getString("communication_id"),
			rs.getString("campaign"), rs.getString("product"), ResponseOutcome.valueOf(rs.getString("outcome")),
			rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("channel"), rs.getString("source_file"),
			rs.getLong("source_line"));

	private final JdbcClient jdbc;

	private final Clock clock;

	ContactResponseRepository(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * Records a response unless the same response is already recorded.
	 * @return whether it was new
	 */
	boolean add(ContactResponse response) {
		return this.jdbc.sql("""
				MERGE INTO contact_response t
				USING (VALUES (CAST(? AS VARCHAR(64)))) AS s(response_id) ON t.response_id = s.response_id
				WHEN NOT MATCHED THEN INSERT (response_id, customer_id, communication_id, campaign, product, outcome,
				     occurred_at, channel, source_file, source_line, ingested_at)
				VALUES (s.response_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(response.responseId(), response.customerId(), response.communicationId(), response.campaign(),
					response.product(), response.outcome().name(), response.occurredAt(), response.channel(),
					response.sourceFile(), response.sourceLine(),
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update() == 1;
	}

	/**
	 * Every response of a customer, oldest first.
	 */
	public List<ContactResponse> findByCustomer(String customerId) {
		return this.jdbc.sql("""
				SELECT response_id, customer_id, communication_id, campaign, product, outcome, occurred_at, channel,
				source_file, source_line FROM contact_response WHERE customer_id = ? ORDER BY occurred_at, response_id
				""").param(customerId).query(CONTACT_RESPONSE).list();
	}

	/**
	 * The positive responses (responded, purchased, interested) of these customers.
	 */
	public List<ContactResponse> findPositiveByCustomers(Collection<String> customerIds) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		List<String> positive = Arrays.stream(ResponseOutcome.values())
			.filter((outcome) -> outcome.signal() == ResponseSignal.POSITIVE)
			.map(Enum::name)
			.toList();
		return this.jdbc.sql("""
				SELECT response_id, customer_id, communication_id, campaign, product, outcome, occurred_at, channel,
				source_file, source_line FROM contact_response
				WHERE customer_id IN (:customers) AND outcome IN (:outcomes)
				""")
			.param("customers", List.copyOf(customerIds))
			.param("outcomes", positive)
			.query(CONTACT_RESPONSE)
			.list();
	}

}
