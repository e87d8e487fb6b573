package io.tidings.outbox;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contacts the ledger has made or planned, as the contact policy counts them:
 * frequency caps per customer, daily capacity per campaign and offer volumes per run.
 */
@Repository
public class ContactHistory {

	/**
	 * States of communications that were or will be sent: what caps and capacity count.
	 */
	private static final String CONTACT_STATES = "'PLANNED', 'RENDERED', 'SENT', 'PRINTED', 'DELIVERED', 'BOUNCED', "
			+ "'RESPONDED', 'COMPLAINED'";

	private final JdbcClient jdbc;

	public ContactHistory(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Customers' marketing contacts since a day, sent or planned, in every campaign but
	 * one run (the run being planned does not count against itself) and no dry run: one
	 * query for a chunk of customers.
	 * @return the contacts of each customer that has any
	 */
	public Map<String, List<Contact>> marketingContacts(Collection<String> customerIds, RunRef excluded,
			LocalDate since) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		List<Object> params = new ArrayList<>(customerIds);
		params.add(excluded.campaign());
		params.add(excluded.runKey());
		params.add(OffsetDateTime.of(since.minusDays(400).atStartOfDay(), ZoneOffset.UTC));
		Map<String, List<Contact>> contacts = new HashMap<>();
		this.jdbc
			.sql("SELECT customer_id, channel, sent_at, drop_date, planned_at FROM communication WHERE customer_id IN ("
					+ String.join(", ", Collections.nCopies(customerIds.size(), "?")) + ") AND document_kind IN ("
					+ marketingKinds() + ") AND state IN (" + CONTACT_STATES + ") AND " + RunRef.NOT_A_DRY_RUN
					+ " AND NOT (campaign = ? AND run_key = ?) AND planned_at >= ? ORDER BY planned_at, communication_id")
			.params(params)
			.query((ResultSet rs) -> {
				OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
				LocalDate drop = rs.getObject("drop_date", LocalDate.class);
				LocalDate date = (sent != null) ? sent.toLocalDate()
						: (drop != null) ? drop : rs.getObject("planned_at", OffsetDateTime.class).toLocalDate();
				if (!date.isBefore(since)) {
					contacts.computeIfAbsent(rs.getString("customer_id"), (id) -> new ArrayList<>())
						.add(new Contact(Channel.valueOf(rs.getString("channel")), date));
				}
			});
		return contacts;
	}

	/**
	 * Marketing communications of a campaign per drop day, in its real runs and in the
	 * given run: what daily capacity counts.
	 */
	public Map<LocalDate, Long> dropsPerDay(RunRef run, LocalDate from, LocalDate to) {
		return dropsPerDay("campaign = ? AND (" + RunRef.NOT_A_DRY_RUN + " OR run_key = ?)", from, to, run.campaign(),
				run.runKey());
	}

	/**
	 * Marketing communications per drop day of a campaign's real runs other than the
	 * given one: what a partitioned run's scheduling shares the rest of the daily
	 * capacity after.
	 */
	public Map<LocalDate, Long> otherRunsDropsPerDay(RunRef run, LocalDate from, LocalDate to) {
		return dropsPerDay("campaign = ? AND " + RunRef.NOT_A_DRY_RUN + " AND run_key <> ?", from, to, run.campaign(),
				run.runKey());
	}

	/**
	 * Marketing communications per drop day of one run for the customers of a range: what
	 * a partition of its scheduling has used of its share of the daily capacity.
	 */
	public Map<LocalDate, Long> dropsPerDay(RunRef run, LocalDate from, LocalDate to, CustomerRange customers) {
		return dropsPerDay("campaign = ? AND run_key = ? AND customer_id BETWEEN ? AND ?", from, to, run.campaign(),
				run.runKey(), customers.first(), customers.last());
	}

	private Map<LocalDate, Long> dropsPerDay(String where, LocalDate from, LocalDate to, Object... params) {
		Map<LocalDate, Long> counts = new TreeMap<>();
		List<Object> all = new ArrayList<>(Arrays.asList(params));
		all.add(from);
		all.add(to);
		this.jdbc
			.sql("SELECT drop_date, COUNT(*) AS total FROM communication WHERE " + where + " AND document_kind IN ("
					+ marketingKinds() + ") AND state IN (" + CONTACT_STATES
					+ ") AND drop_date BETWEEN ? AND ? GROUP BY drop_date")
			.params(all)
			.query((ResultSet rs) -> {
				counts.put(rs.getObject("drop_date", LocalDate.class), rs.getLong("total"));
			});
		return counts;
	}

	/**
	 * How many customers a run has offered each product in a cross-sell communication so
	 * far (suppressed ones do not count).
	 */
	public Map<String, Long> offeredCounts(RunRef run) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT offer_code, COUNT(*) AS total FROM communication WHERE campaign = ? AND run_key = ?
					AND document_kind = 'CROSS_SELL' AND state <> 'SUPPRESSED' AND offer_code IS NOT NULL GROUP BY offer_code
					""")
			.params(run.campaign(), run.runKey())
			.query((rs, n) -> counts.put(rs.getString("offer_code"), rs.getLong("total")))
			.list();
		return counts;
	}

	/**
	 * Like {@link #offeredCounts(RunRef)}, for the customers of a range: a partition of
	 * the decide stage.
	 */
	public Map<String, Long> offeredCounts(RunRef run, CustomerRange customers) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT offer_code, COUNT(*) AS total FROM communication WHERE campaign = ? AND run_key = ?
					AND customer_id BETWEEN ? AND ?
					AND document_kind = 'CROSS_SELL' AND state <> 'SUPPRESSED' AND offer_code IS NOT NULL GROUP BY offer_code
					""")
			.params(run.campaign(), run.runKey(), customers.first(), customers.last())
			.query((rs, n) -> counts.put(rs.getString("offer_code"), rs.getLong("total")))
			.list();
		return counts;
	}

	private static String marketingKinds() {
		return Arrays.stream(DocumentKind.values())
			.filter(kind -> !kind.legallyRequired())
			.map(kind -> "'" + kind.name() + "'")
			.collect(Collectors.joining(", "));
	}

}
