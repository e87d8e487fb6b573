package io.tidings.campaign;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.ValueTier;
import io.tidings.outbox.CustomerRange;
import io.tidings.outbox.RunRef;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams a run's audience, highest priority first, with each member's customer record.
 * The audience rows come from a cursor; their customers are asked of the customer module
 * a batch at a time, so that the campaign module names only its own table. The count kept
 * in the step's context is that of members handed on, so a restart skips exactly those
 * rows.
 */
class AudienceReader extends AbstractItemCountingItemStreamItemReader<AudienceMember> {

	private static final int BATCH = 500;

	private final JdbcCursorItemReader<AudienceRow> rows;

	private final CustomerRepository customers;

	private final Deque<AudienceMember> batch = new ArrayDeque<>();

	private boolean rowsOpen;

	/**
	 * @param range the customers of one partition, or all ({@code null})
	 */
	AudienceReader(String name, DataSource dataSource, CustomerRepository customers, RunRef run,
			@Nullable CustomerRange range) {
		setName(name);
		this.customers = customers;
		this.rows = new JdbcCursorItemReaderBuilder<AudienceRow>().name(name + ".rows")
			.dataSource(dataSource)
			.sql("SELECT customer_id, value_tier, in_control_group, variant, priority FROM run_audience"
					+ " WHERE campaign = ? AND run_key = ?"
					+ ((range != null) ? " AND customer_id BETWEEN ? AND ?" : "")
					+ " ORDER BY priority DESC, customer_id")
			.queryArguments((range != null) ? new Object[] { run.campaign(), run.runKey(), range.first(), range.last() }
					: new Object[] { run.campaign(), run.runKey() })
			.rowMapper((rs, n) -> new AudienceRow(rs.getString("customer_id"),
					ValueTier.valueOf(rs.getString("value_tier").toUpperCase(Locale.ROOT)),
					rs.getBoolean("in_control_group"), rs.getString("variant"), rs.getDouble("priority")))
			.fetchSize(BATCH)
			.build();
	}

	@Override
	protected void doOpen() {
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		this.rows.setCurrentItemCount(itemIndex);
	}

	@Override
	protected @Nullable AudienceMember doRead() throws Exception {
		if (this.batch.isEmpty()) {
			readBatch();
		}
		return this.batch.poll();
	}

	private void readBatch() throws Exception {
		if (!this.rowsOpen) {
			this.rows.open(new ExecutionContext());
			this.rowsOpen = true;
		}
		List<AudienceRow> read = new ArrayList<>(BATCH);
		AudienceRow row;
		while (read.size() < BATCH && (row = this.rows.read()) != null) {
			read.add(row);
		}
		Map<String, Customer> found = this.customers.findAllById(read.stream().map(AudienceRow::customerId).toList());
		for (AudienceRow each : read) {
			Customer customer = found.get(each.customerId());
			if (customer != null) {
				this.batch.add(new AudienceMember(customer, each.tier(), each.inControlGroup(), each.variant(),
						each.priority()));
			}
		}
	}

	@Override
	protected void doClose() {
		this.batch.clear();
		if (this.rowsOpen) {
			this.rows.close();
			this.rowsOpen = false;
		}
	}

	private record AudienceRow(String customerId, ValueTier tier, boolean inControlGroup, @Nullable String variant,
			double priority) {

	}

}
