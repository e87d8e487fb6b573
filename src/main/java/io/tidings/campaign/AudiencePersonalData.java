package io.tidings.campaign;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The run audiences a customer was in, as stored, for the privacy export.
 */
@Component
public class AudiencePersonalData {

	private final JdbcClient jdbc;

	AudiencePersonalData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The customer's audience rows, column by column, by campaign and run.
	 */
	public List<Map<String, @Nullable Object>> audiences(String customerId) {
		return this.jdbc.sql("SELECT * FROM run_audience WHERE customer_id = ? ORDER BY campaign, run_key")
			.param(customerId)
			.query()
			.listOfRows();
	}

}
