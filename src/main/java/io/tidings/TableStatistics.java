package io.tidings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.DataAccessException;

/**
 * Keeps PostgreSQL's statistics of the tables a step fills up to date while it fills them
 * and for the steps after it. PostgreSQL's own background analysis looks at a table once
 * a minute at most and only after a tenth of it changed, so that a table a run was
 * filling was planned as if (nearly) empty: the import looked up each record's duplicate
 * candidates by reading the whole customer table, and slowed from 470 to 160 records a
 * second within 10,000 records. The tables are analysed after the first thousand items a
 * step writes, again each time it has written twice as many, and when it ends: a few
 * times a run, each a sample of the table. H2 plans these queries without statistics.
 */
public class TableStatistics
		implements StepExecutionListener, ChunkListener<Object, Object>, ItemWriteListener<Object> {

	private static final Logger logger = LoggerFactory.getLogger(TableStatistics.class);

	private static final long FIRST_ANALYSIS = 1_000;

	private final DatabaseDialect dialect;

	private final List<String> tables;

	private long written;

	private long analysedAt;

	private long nextAnalysis = FIRST_ANALYSIS;

	/**
	 * @param tables the tables the step writes, by their SQL names
	 */
	public TableStatistics(DatabaseDialect dialect, String... tables) {
		this.dialect = dialect;
		this.tables = List.of(tables);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.written = 0;
		this.analysedAt = 0;
		this.nextAnalysis = FIRST_ANALYSIS;
	}

	@Override
	public void afterWrite(Chunk<? extends Object> items) {
		this.written += items.size();
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		if (this.written >= this.nextAnalysis) {
			analyse();
			this.nextAnalysis = 2 * this.written;
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.written > this.analysedAt) {
			analyse();
		}
		return stepExecution.getExitStatus();
	}

	/**
	 * Analyses on a connection of its own, outside the chunk's transaction: a failure or
	 * a wait for another analysis must not roll back or hold up the chunk, and the
	 * statistics are advice, so a failure is only reported.
	 */
	private void analyse() {
		this.analysedAt = this.written;
		long started = System.nanoTime();
		try {
			if (!this.dialect.isPostgreSql()) {
				return;
			}
			try (Connection connection = this.dialect.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.execute("ANALYZE " + String.join(", ", this.tables));
				for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning
					.getNextWarning()) {
					// e.g. a user that does not own the tables: PostgreSQL skips them
					logger.warn("PostgreSQL did not analyse {}: {}", this.tables, warning.getMessage());
				}
			}
			logger.debug("Statistics of {} brought up to date after {} items in {} ms", this.tables, this.written,
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (SQLException | DataAccessException ex) {
			logger.warn("Cannot analyse {} (the next queries may be planned on old statistics): {}", this.tables,
					ex.getMessage());
		}
	}

}
