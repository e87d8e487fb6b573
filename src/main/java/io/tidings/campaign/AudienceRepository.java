package io.tidings.campaign;

import java.util.List;

import javax.sql.DataSource;

import io.tidings.outbox.RunRef;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audience of a run, as the select stage fixed it.
 */
@Repository
class AudienceRepository {

	private final JdbcTemplate jdbc;

	AudienceRepository(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	void addAll(RunRef run, List<? extends String> customerIds) {
		this.jdbc.batchUpdate(
				"""
						MERGE INTO run_audience t
						USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(64))))
						      AS s(campaign, run_key, customer_id)
						ON t.campaign = s.campaign AND t.run_key = s.run_key AND t.customer_id = s.customer_id
						WHEN NOT MATCHED THEN INSERT (campaign, run_key, customer_id) VALUES (s.campaign, s.run_key, s.customer_id)
						""",
				customerIds, customerIds.size(), (ps, id) -> {
					ps.setString(1, run.campaign());
					ps.setString(2, run.runKey());
					ps.setString(3, id);
				});
	}

	long count(RunRef run) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM run_audience WHERE campaign = ? AND run_key = ?",
				Long.class, run.campaign(), run.runKey());
		return (count != null) ? count : 0;
	}

}
