package io.tidings.outbox;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.data.AbstractPaginatedDataItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.tidings.outbox.CommunicationRows.IN_ID_ORDER;
import static io.tidings.outbox.CommunicationRows.MAPPER;
import static io.tidings.outbox.CommunicationRows.SELECT;
import static io.tidings.outbox.CommunicationRows.utc;

/**
 * Walks over a run's communications in one state, for the steps that move them to the
 * next: streaming item readers, partitions by customer and pages that a crash can resume.
 * None keeps a position: moving an item to its next state takes it out of the query, so a
 * restarted step simply reads what is left.
 */
@Repository
public class CommunicationReaders {

	/** Due communications read at a time by {@link #dueReader}. */
	static final int DUE_PAGE = 500;

	private final DataSource dataSource;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	public CommunicationReaders(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
	}

	/**
	 * A streaming reader over the communications of a run in one state, in an order given
	 * by the caller (the render stage: their customers' postal order, near the order the
	 * print streams place printed documents in, so that a batch of them archived in one
	 * file is read by a stream once, not once for each of its documents).
	 * @param name the reader's name, which a step's restart state is keyed by
	 * @param order an SQL expression over the {@code communication} table's columns the
	 * rows are read in the order of, then by customer and id
	 */
	public JdbcCursorItemReader<Communication> reader(String name, RunRef run, CommunicationState state, String order) {
		return cursor(name, SELECT + " WHERE campaign = ? AND run_key = ? AND state = ?" + orderBy(order),
				run.campaign(), run.runKey(), state.name());
	}

	/**
	 * Like {@link #reader(String, RunRef, CommunicationState, String)}, for the customers
	 * whose ids lie in a range (both ends included): one partition of a stage that
	 * several workers share.
	 */
	public JdbcCursorItemReader<Communication> reader(String name, RunRef run, CommunicationState state,
			CustomerRange customers, String order) {
		return cursor(name,
				SELECT + " WHERE campaign = ? AND run_key = ? AND state = ?" + " AND customer_id BETWEEN ? AND ?"
						+ orderBy(order),
				run.campaign(), run.runKey(), state.name(), customers.first(), customers.last());
	}

	private static String orderBy(String order) {
		return " ORDER BY " + order + ", customer_id, communication_id";
	}

	/**
	 * A reader over the communications of a run in one state on some channels that are
	 * due at the given moment, in id order: deferred communications wait for a later
	 * delivery pass. It reads a page of {@value #DUE_PAGE} at a time, each after the last
	 * id of the one before, in the order of the ledger's state index: a page costs what
	 * the first does, so the stage's first item comes at once however large the run (a
	 * cursor would have the database compute every due row first), and no query stays
	 * open for the whole stage.
	 */
	public ItemStreamReader<Communication> dueReader(String name, RunRef run, CommunicationState state,
			Set<Channel> channels, Instant now) {
		return new DuePages(name, run, state, channels, now);
	}

	/**
	 * Like {@link #dueReader(String, RunRef, CommunicationState, Set, Instant)}, for the
	 * customers of one range: a partition of the deliver stage. A streaming cursor: the
	 * state index's id order holds every partition's rows, so pages in that order would
	 * each walk past the other partitions' rows; the database computes the partition's
	 * due rows, a part of the run, before the first.
	 */
	public ItemStreamReader<Communication> dueReader(String name, RunRef run, CommunicationState state,
			Set<Channel> channels, Instant now, CustomerRange customers) {
		return cursor(name,
				SELECT + " WHERE campaign = ? AND run_key = ? AND state = ?" + " AND channel IN ("
						+ channelList(channels) + ")" + " AND (not_before IS NULL OR not_before <= ?)"
						+ " AND customer_id BETWEEN ? AND ?" + IN_ID_ORDER,
				run.campaign(), run.runKey(), state.name(), utc(now), customers.first(), customers.last());
	}

	/**
	 * A streaming reader over the planned communications of a run that the contact policy
	 * has not scheduled yet, highest expected value first, so that when daily capacity is
	 * short the most valuable contacts go first. Scheduling takes an item out of the
	 * query.
	 */
	public JdbcCursorItemReader<Communication> unscheduledReader(String name, RunRef run) {
		return cursor(name,
				SELECT + " WHERE campaign = ? AND run_key = ? AND state = 'PLANNED'"
						+ " AND drop_date IS NULL ORDER BY expected_value DESC NULLS LAST, communication_id",
				run.campaign(), run.runKey());
	}

	/**
	 * Like {@link #unscheduledReader(String, RunRef)}, for the customers of one range: a
	 * partition of the scheduling.
	 */
	public JdbcCursorItemReader<Communication> unscheduledReader(String name, RunRef run, CustomerRange customers) {
		return cursor(name,
				SELECT + " WHERE campaign = ? AND run_key = ? AND state = 'PLANNED'"
						+ " AND drop_date IS NULL AND customer_id BETWEEN ? AND ?"
						+ " ORDER BY expected_value DESC NULLS LAST, communication_id",
				run.campaign(), run.runKey(), customers.first(), customers.last());
	}

	/**
	 * Splits the customers having communications of a run in one state on some channels
	 * into ranges of customer ids holding about as much work each: customers in id order
	 * are cut where the running sum of their communications' {@link StageWork weights}
	 * crosses a multiple of the total divided by {@code count} (a customer goes to the
	 * range its weight's midpoint falls in). Every communication of a customer falls in
	 * one range.
	 * @param count how many ranges at most
	 * @return the ranges in order; none when no communication is in that state
	 */
	public List<PartitionRange> customerRanges(RunRef run, CommunicationState state, Set<Channel> channels,
			StageWork work, int count) {
		return this.jdbc.sql("""
				SELECT MIN(customer_id) AS first_customer, MAX(customer_id) AS last_customer,
				       SUM(communications) AS communications, SUM(weight) AS weight FROM (
				  SELECT customer_id, communications, weight,
				         (2 * CAST(SUM(weight) OVER (ORDER BY customer_id) AS BIGINT) - weight) * ?
				           / (2 * CAST(SUM(weight) OVER () AS BIGINT)) AS part FROM (
				    SELECT customer_id, COUNT(*) AS communications, CAST(SUM(%s) AS BIGINT) AS weight
				    FROM communication WHERE campaign = ? AND run_key = ? AND state = ? AND channel IN (%s)
				    GROUP BY customer_id
				  ) AS customers
				) AS parts GROUP BY part ORDER BY part
				""".formatted(work.sql(), channelList(channels)))
			.params(count, run.campaign(), run.runKey(), state.name())
			.query((rs, row) -> new PartitionRange(
					new CustomerRange(rs.getString("first_customer"), rs.getString("last_customer")),
					rs.getLong("communications"), rs.getLong("weight")))
			.list();
	}

	/**
	 * The next communications of a run in one state and channel after an id that are due
	 * at the given moment, in id order: a page of a walk that a crash can resume from the
	 * last id it finished.
	 */
	public List<Communication> findDueAfter(RunRef run, Channel channel, CommunicationState state, Instant now,
			@Nullable CommunicationId after, int limit) {
		return findDueAfter(run, Set.of(channel), state, now, after, limit);
	}

	private List<Communication> findDueAfter(RunRef run, Set<Channel> channels, CommunicationState state, Instant now,
			@Nullable CommunicationId after, int limit) {
		return this.jdbc
			.sql(SELECT + " WHERE campaign = ? AND run_key = ? AND channel IN (" + channelList(channels)
					+ ") AND state = ? AND (not_before IS NULL OR not_before <= ?) AND communication_id > ?"
					+ IN_ID_ORDER + " FETCH FIRST ? ROWS ONLY")
			.params(run.campaign(), run.runKey(), state.name(), utc(now), (after != null) ? after.value() : "", limit)
			.query(MAPPER)
			.list();
	}

	/**
	 * Streams the communications of a run in one state and channel, in id order, without
	 * holding them in memory.
	 */
	public void forEach(RunRef run, Channel channel, CommunicationState state, Consumer<Communication> action) {
		this.jdbcTemplate.query(con -> {
			var ps = con.prepareStatement(
					SELECT + " WHERE campaign = ? AND run_key = ? AND channel = ? AND state = ?" + IN_ID_ORDER);
			ps.setFetchSize(500);
			ps.setString(1, run.campaign());
			ps.setString(2, run.runKey());
			ps.setString(3, channel.name());
			ps.setString(4, state.name());
			return ps;
		}, (ResultSet rs) -> {
			action.accept(MAPPER.mapRow(rs, 0));
		});
	}

	private JdbcCursorItemReader<Communication> cursor(String name, String sql, Object... arguments) {
		return new JdbcCursorItemReaderBuilder<Communication>().name(name)
			.dataSource(this.dataSource)
			.sql(sql)
			.queryArguments(arguments)
			.rowMapper(MAPPER)
			.fetchSize(500)
			.saveState(false)
			.build();
	}

	/**
	 * The pages of {@link #dueReader}. Like the other readers it keeps no position for a
	 * restart: what was delivered has left the query.
	 */
	private final class DuePages extends AbstractPaginatedDataItemReader<Communication> {

		private final RunRef run;

		private final CommunicationState state;

		private final Set<Channel> channels;

		private final Instant now;

		private @Nullable CommunicationId after;

		DuePages(String name, RunRef run, CommunicationState state, Set<Channel> channels, Instant now) {
			setName(name);
			setPageSize(DUE_PAGE);
			setSaveState(false);
			this.run = run;
			this.state = state;
			this.channels = channels;
			this.now = now;
		}

		@Override
		protected Iterator<Communication> doPageRead() {
			List<Communication> rows = findDueAfter(this.run, this.channels, this.state, this.now, this.after,
					DUE_PAGE);
			if (!rows.isEmpty()) {
				this.after = rows.get(rows.size() - 1).id();
			}
			return rows.iterator();
		}

		@Override
		protected void doOpen() throws Exception {
			super.doOpen();
			this.after = null;
		}

	}

	private static String channelList(Set<Channel> channels) {
		return channels.stream().map(channel -> "'" + channel.name() + "'").collect(Collectors.joining(", "));
	}

}
