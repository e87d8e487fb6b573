package io.tidings.outbox;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who the real runs contacted with an offer and who they held out of it, the two groups
 * an uplift model learns from, as the campaign report counts them for its lift: a
 * customer was contacted when a cross-sell communication offering the product went out;
 * held out when a campaign that offered the product put the customer in its control group
 * (reason {@code control-group}) and never contacted them with it.
 */
@Component
public class OfferExposures {

	private static final String CONTACTED = "document_kind = 'CROSS_SELL' AND offer_code = :product AND "
			+ RunRef.NOT_A_DRY_RUN
			+ " AND state IN ('SENT', 'PRINTED', 'DELIVERED', 'BOUNCED', 'RESPONDED', 'COMPLAINED')";

	private final JdbcClient jdbc;

	OfferExposures(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Each customer of the two groups of a product: true when contacted, false when held
	 * out.
	 */
	public Map<String, Boolean> of(String product) {
		Map<String, Boolean> groups = new HashMap<>();
		this.jdbc.sql("""
				SELECT DISTINCT customer_id FROM communication WHERE reason_code = 'control-group' AND %s
				AND campaign IN (SELECT DISTINCT campaign FROM communication WHERE %s)
				""".formatted(RunRef.NOT_A_DRY_RUN, CONTACTED))
			.param("product", product)
			.query(String.class)
			.list()
			.forEach(customer -> groups.put(customer, false));
		this.jdbc.sql("SELECT DISTINCT customer_id FROM communication WHERE " + CONTACTED)
			.param("product", product)
			.query(String.class)
			.list()
			.forEach(customer -> groups.put(customer, true));
		return groups;
	}

}
