package io.tidings.campaign;

import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.DatabaseDialect;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.RunRef;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audience of a run, as the select stage fixed it.
 */
@Repository
public class AudienceRepository {

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final CustomerRepository customers;

	private final String add;

	AudienceRepository(DataSource dataSource, DatabaseDialect dialect, CustomerRepository customers) {
		this.dataSource = dataSource;
		this.customers = customers;
		this.jdbc = new JdbcTemplate(dataSource);
		this.add = dialect.insertUnlessPresent("run_audience",
				List.of("campaign VARCHAR(100)", "run_key VARCHAR(40)", "customer_id VARCHAR(64)"),
				List.of("value_tier", "in_control_group", "variant", "priority"));
	}

	void addAll(RunRef run, List<? extends AudienceMember> members) {
		this.jdbc.batchUpdate(this.add, members, members.size(), (ps, member) -> {
			ps.setString(1, run.campaign());
			ps.setString(2, run.runKey());
			ps.setString(3, member.customer().id());
			ps.setString(4, member.tier().label());
			ps.setBoolean(5, member.inControlGroup());
			ps.setString(6, member.variant());
			ps.setDouble(7, member.priority());
		});
	}

	/**
	 * How many customers a campaign's real runs (dry runs left out) selected.
	 *
	 * @param customers distinct customers
	 * @param contacts customers summed over runs
	 */
	public record AudienceFigures(long customers, long contacts) {

	}

	/** The audiences of a campaign's real runs. */
	public AudienceFigures figures(String campaign) {
		return this.jdbc.queryForObject("""
				SELECT COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS contacts FROM run_audience
				WHERE campaign = ? AND %s
				""".formatted(RunRef.NOT_A_DRY_RUN),
				(rs, n) -> new AudienceFigures(rs.getLong("customers"), rs.getLong("contacts")), campaign);
	}

	long count(RunRef run) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM run_audience WHERE campaign = ? AND run_key = ?",
				Long.class, run.campaign(), run.runKey());
		return (count != null) ? count : 0;
	}

	/**
	 * A streaming reader over a run's audience, highest priority first.
	 */
	AudienceReader reader(String name, RunRef run) {
		return reader(name, run, null);
	}

	/**
	 * Like {@link #reader(String, RunRef)}, for the customers of one range ({@code null}:
	 * all): a partition of the decide stage.
	 */
	AudienceReader reader(String name, RunRef run, @Nullable CustomerRange range) {
		return new AudienceReader(name, this.dataSource, this.customers, run, range);
	}

	/**
	 * Customers of a run's audience in one range of ids, with how many of them are not
	 * held out of marketing.
	 */
	record AudienceRange(CustomerRange customers, long marketable) {

	}

	/**
	 * Splits a run's audience into ranges of customer ids with about as many customers
	 * each. The audience does not change once selected, so a restarted run gets the same
	 * ranges.
	 * @param count how many ranges at most
	 * @return the ranges in order; none for an empty audience
	 */
	List<AudienceRange> ranges(RunRef run, int count) {
		return this.jdbc.query("""
				SELECT MIN(customer_id) AS first_customer, MAX(customer_id) AS last_customer,
				       SUM(CASE WHEN in_control_group THEN 0 ELSE 1 END) AS marketable FROM (
				  SELECT customer_id, in_control_group, NTILE(?) OVER (ORDER BY customer_id) AS tile FROM run_audience
				  WHERE campaign = ? AND run_key = ?
				) AS tiles GROUP BY tile ORDER BY tile
				""",
				(rs, n) -> new AudienceRange(
						new CustomerRange(rs.getString("first_customer"), rs.getString("last_customer")),
						rs.getLong("marketable")),
				count, run.campaign(), run.runKey());
	}

}
