package io.tidings.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds campaign reports from the ledger, responses and audiences. A read model: it
 * queries the tables the other modules write and changes nothing. Every figure is
 * aggregated by the database, so a report over millions of communications holds only its
 * totals in memory.
 */
@Component
public class CampaignReports {

	private static final String REAL_RUNS = "c.campaign = :campaign AND c.run_key NOT LIKE '%-dry-%'";

	/** Cross-sell communications that went out (whatever came back). */
	private static final String CONTACTED = REAL_RUNS + " AND c.document_kind = 'CROSS_SELL'"
			+ " AND c.state IN ('SENT', 'PRINTED', 'DELIVERED', 'BOUNCED', 'RESPONDED')";

	/**
	 * A positive response of the customer that the campaign can claim: its own or
	 * unattributed.
	 */
	private static final String RESPONDED = """
			EXISTS (SELECT 1 FROM contact_response r WHERE r.customer_id = g.customer_id
			AND r.outcome IN ('RESPONDED', 'PURCHASED', 'INTERESTED')
			AND (r.campaign IS NULL OR r.campaign = :campaign))""";

	private final JdbcClient jdbc;

	private final ReportSettings settings;

	CampaignReports(DataSource dataSource, ReportSettings settings) {
		this.jdbc = JdbcClient.create(dataSource);
		this.settings = settings;
	}

	/**
	 * The report of a campaign.
	 * @throws InvalidInputException when the campaign has no runs
	 */
	public CampaignReport build(String campaign) {
		List<String> runs = this.jdbc
			.sql("SELECT DISTINCT c.run_key FROM communication c WHERE " + REAL_RUNS + " ORDER BY c.run_key")
			.param("campaign", campaign)
			.query(String.class)
			.list();
		if (runs.isEmpty()) {
			throw new InvalidInputException("campaign " + campaign + " has no runs (dry runs are not reported)");
		}
		long audience = count("SELECT COUNT(DISTINCT customer_id) FROM run_audience WHERE campaign = :campaign"
				+ " AND run_key NOT LIKE '%-dry-%'", campaign);
		long contacts = count(
				"SELECT COUNT(*) FROM run_audience WHERE campaign = :campaign" + " AND run_key NOT LIKE '%-dry-%'",
				campaign);
		List<CampaignReport.Count> delivery = this.jdbc
			.sql("SELECT c.channel, c.state, COUNT(*) AS total FROM communication c WHERE " + REAL_RUNS
					+ " GROUP BY c.channel, c.state ORDER BY c.channel, c.state")
			.param("campaign", campaign)
			.query((rs, n) -> new CampaignReport.Count(lower(rs.getString("channel")), rs.getString("state"),
					rs.getLong("total")))
			.list();
		List<CampaignReport.Rate> responses = new java.util.ArrayList<>();
		for (Map.Entry<String, String> dimension : Map
			.of("offer", "offer_code", "variant", "variant", "tier", "value_tier", "channel", "channel")
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.toList()) {
			responses.addAll(rates(campaign, dimension.getKey(), dimension.getValue()));
		}
		Lift lift = lift(campaign);
		List<CampaignReport.Count> reasons = this.jdbc.sql("""
				SELECT c.state, COALESCE(c.reason_code, 'unspecified') AS reason, COUNT(*) AS total FROM communication c
				WHERE %s AND c.state IN ('SUPPRESSED', 'FAILED', 'BOUNCED')
				GROUP BY c.state, COALESCE(c.reason_code, 'unspecified') ORDER BY c.state, total DESC
				""".formatted(REAL_RUNS))
			.param("campaign", campaign)
			.query((rs, n) -> new CampaignReport.Count(rs.getString("state"), rs.getString("reason"),
					rs.getLong("total")))
			.list();
		return new CampaignReport(campaign, runs, audience, contacts, delivery, responses, lift, reasons,
				cost(delivery));
	}

	private List<CampaignReport.Rate> rates(String campaign, String dimension, String column) {
		return this.jdbc.sql("""
				SELECT COALESCE(k, 'none') AS k, COUNT(*) AS contacted, SUM(responded) AS responders FROM (
				  SELECT c.%s AS k, CASE WHEN c.state = 'RESPONDED' OR EXISTS (SELECT 1 FROM contact_response r
				    WHERE r.outcome IN ('RESPONDED', 'PURCHASED', 'INTERESTED')
				    AND (r.communication_id = c.communication_id
				    OR (r.customer_id = c.customer_id AND r.product = c.offer_code
				        AND (r.campaign IS NULL OR r.campaign = c.campaign)))) THEN 1 ELSE 0 END AS responded
				  FROM communication c WHERE %s) t
				GROUP BY COALESCE(k, 'none') ORDER BY COALESCE(k, 'none')
				""".formatted(column, CONTACTED))
			.param("campaign", campaign)
			.query((rs, n) -> new CampaignReport.Rate(dimension,
					"channel".equals(dimension) ? lower(rs.getString("k")) : rs.getString("k"), rs.getLong("contacted"),
					rs.getLong("responders")))
			.list();
	}

	/**
	 * Contacted customers (a cross-sell went out) against the control group (held out),
	 * each customer counted once, with the same response rule for both groups.
	 */
	private Lift lift(String campaign) {
		long[] treated = group(campaign, "SELECT DISTINCT c.customer_id FROM communication c WHERE " + CONTACTED);
		long[] control = group(campaign, "SELECT DISTINCT c.customer_id FROM communication c WHERE " + REAL_RUNS
				+ " AND c.reason_code = 'control-group'");
		return new Lift(treated[0], treated[1], control[0], control[1]);
	}

	private long[] group(String campaign, String customers) {
		return this.jdbc
			.sql("SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN " + RESPONDED + " THEN 1 ELSE 0 END), 0) AS responders"
					+ " FROM (" + customers + ") g")
			.param("campaign", campaign)
			.query((rs, n) -> new long[] { rs.getLong("n"), rs.getLong("responders") })
			.single();
	}

	private @Nullable BigDecimal cost(List<CampaignReport.Count> delivery) {
		Map<String, BigDecimal> costs = this.settings.cost();
		if (costs == null || costs.isEmpty()) {
			return null;
		}
		BigDecimal total = BigDecimal.ZERO;
		for (CampaignReport.Count count : delivery) {
			if (List.of("SENT", "PRINTED", "DELIVERED", "BOUNCED", "RESPONDED").contains(count.key())) {
				total = total.add(
						costs.getOrDefault(count.group(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(count.count())));
			}
		}
		return total;
	}

	private long count(String sql, String campaign) {
		return this.jdbc.sql(sql).param("campaign", campaign).query(Long.class).single();
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
