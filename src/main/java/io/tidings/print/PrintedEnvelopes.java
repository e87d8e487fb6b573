package io.tidings.print;

import java.util.List;

import javax.sql.DataSource;

import io.tidings.outbox.CommunicationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an envelope holds, by the id the manifest lists and the codes on its sheets and in
 * its address window carry: for returned mail keyed by envelope.
 */
@Repository
public class PrintedEnvelopes {

	private final JdbcClient jdbc;

	PrintedEnvelopes(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The documents in an envelope, in the order they were put in it.
	 * @return none when no envelope has that id
	 */
	public List<Content> contents(String envelopeId) {
		return this.jdbc.sql("""
				SELECT communication_id, customer_id, recipient FROM print_item
				WHERE envelope_id = ? ORDER BY item_position
				""")
			.param(envelopeId)
			.query((rs, row) -> new Content(new CommunicationId(rs.getString("communication_id")),
					rs.getString("customer_id"), rs.getString("recipient")))
			.list();
	}

	/**
	 * One document in an envelope.
	 *
	 * @param communicationId the communication
	 * @param customerId its customer
	 * @param recipient {@code customer} for the customer's own document, else the code of
	 * the recipient who gets a copy
	 */
	public record Content(CommunicationId communicationId, String customerId, String recipient) {

		public boolean isCopy() {
			return !PrintItems.CUSTOMER.equals(this.recipient);
		}

	}

}
