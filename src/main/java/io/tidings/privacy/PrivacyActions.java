package io.tidings.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records what was purged, erased, exported or put on hold, with ids and counts only.
 */
final class PrivacyActions {

	private final JdbcClient jdbc;

	private final Clock clock;

	PrivacyActions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(String action, @Nullable String customerId, String summary) {
		this.jdbc
			.sql("INSERT INTO privacy_action (action_id, action, customer_id, summary, performed_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), action, customerId, summary, now())
			.update();
	}

	/**
	 * The actions on a customer, column by column, oldest first.
	 */
	List<Map<String, @Nullable Object>> rows(String customerId) {
		return this.jdbc.sql("SELECT * FROM privacy_action WHERE customer_id = ? ORDER BY performed_at")
			.param(customerId)
			.query()
			.listOfRows();
	}

	OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
