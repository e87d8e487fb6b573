package io.tidings.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The part of the contact history that transports report back: bounces, delivery
 * receipts, keyword replies, returned mail. Recording is idempotent on the event id.
 */
@Repository
public class DeliveryEvents {

	private static final String COLUMNS = "event_id, communication_id, customer_id, channel, kind, status, detail, "
			+ "address_key, occurred_at, source, source_line";

	private final JdbcClient jdbc;

	private final Clock clock;

	DeliveryEvents(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * Records an event unless it is recorded already.
	 * @return whether it was new
	 */
	public boolean record(DeliveryEvent event) {
		return this.jdbc.sql("""
				MERGE INTO delivery_event t USING (VALUES (CAST(? AS VARCHAR(64)))) AS s(event_id)
				ON t.event_id = s.event_id
				WHEN NOT MATCHED THEN INSERT (event_id, communication_id, customer_id, channel, kind, status, detail,
				     address_key, occurred_at, source, source_line, recorded_at)
				VALUES (s.event_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(event.eventId(), event.communicationId(), event.customerId(), event.channel().name(),
					event.kind().name(), truncate(event.status(), 40), truncate(event.detail(), 2000),
					truncate(event.addressKey(), 500), event.occurredAt(), truncate(event.source(), 500),
					event.sourceLine(), OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update() == 1;
	}

	/**
	 * How many distinct deliveries to an address had an event of a kind on a channel:
	 * several reports about one communication count once (a report that names no
	 * communication counts on its own).
	 */
	public int countDeliveries(Channel channel, String addressKey, DeliveryEvent.Kind kind) {
		return this.jdbc.sql("""
				SELECT COUNT(DISTINCT COALESCE(communication_id, event_id)) FROM delivery_event
				WHERE channel = ? AND address_key = ? AND kind = ?
				""").params(channel.name(), addressKey, kind.name()).query(Integer.class).single();
	}

	/**
	 * A customer's events, oldest first.
	 */
	public List<DeliveryEvent> findByCustomer(String customerId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM delivery_event WHERE customer_id = ? ORDER BY occurred_at, event_id")
			.param(customerId)
			.query((rs, n) -> new DeliveryEvent(rs.getString("event_id"), rs.getString("communication_id"),
					rs.getString("customer_id"), Channel.valueOf(rs.getString("channel")),
					DeliveryEvent.Kind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getString("detail"),
					rs.getString("address_key"), rs.getObject("occurred_at", OffsetDateTime.class),
					rs.getString("source"), rs.getLong("source_line")))
			.list();
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return (text != null && text.length() > max) ? text.substring(0, max - 3) + "..." : text;
	}

}
