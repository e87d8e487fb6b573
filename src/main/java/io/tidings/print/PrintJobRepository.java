package io.tidings.print;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Print jobs, their documents, envelopes and streams, as planned and written. Every step
 * of print production records its progress here in the same transaction as its work, so
 * that a run resumed after a crash goes on exactly where the last committed step ended.
 */
@Repository
class PrintJobRepository {

	private static final String ITEM_COLUMNS = "i.communication_id, i.recipient, i.campaign, i.run_key, i.customer_id, "
			+ "i.document_kind, i.archive_path, i.content_sha256, i.pages, i.sheets, i.duplex, i.country, "
			+ "i.presort_key, i.sort_key, i.group_key, i.mail_class, i.envelope_id, i.item_position";

	private static final RowMapper<PrintItem> ITEM = (rs, n) -> new PrintItem(rs.getString("communication_id"),
			rs.getString("recipient"), new RunRef(rs.getString("campaign"), rs.getString("run_key")),
			rs.getString("customer_id"), DocumentKind.valueOf(rs.getString("document_kind")),
			rs.getString("archive_path"), rs.getString("content_sha256"), rs.getInt("pages"), rs.getInt("sheets"),
			rs.getBoolean("duplex"), rs.getString("country"), rs.getString("presort_key"), rs.getString("sort_key"),
			rs.getString("group_key"), rs.getString("mail_class"), rs.getString("envelope_id"),
			nullableInt(rs, "item_position"));

	private static final RowMapper<Envelope> ENVELOPE = (rs, n) -> new Envelope(rs.getString("envelope_id"),
			new RunRef(rs.getString("campaign"), rs.getString("run_key")), rs.getLong("seq"), rs.getString("group_key"),
			rs.getString("mail_class"), rs.getString("country"), rs.getString("presort_key"), rs.getInt("documents"),
			rs.getInt("sheets"), nullableInt(rs, "stream_no"));

	private static final RowMapper<PrintStream> STREAM = (rs, n) -> new PrintStream(
			new RunRef(rs.getString("campaign"), rs.getString("run_key")), rs.getInt("job_no"), rs.getInt("stream_no"),
			rs.getString("file"), rs.getString("mail_class"), rs.getString("state"), rs.getInt("envelopes"),
			rs.getInt("documents"), rs.getInt("sheets"), rs.getInt("pages"), rs.getString("sha256"));

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final Clock clock;

	PrintJobRepository(DataSource dataSource, Clock clock) {
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.jdbcTemplate);
		this.clock = clock;
	}

	Optional<PrintJob> findJob(RunRef run, int jobNo) {
		return this.jdbc.sql("SELECT * FROM print_job WHERE campaign = ? AND run_key = ? AND job_no = ?")
			.params(run.campaign(), run.runKey(), jobNo)
			.query(PrintJobRepository::job)
			.optional();
	}

	List<PrintJob> findJobsBySource(String sourceSha256) {
		return this.jdbc.sql("SELECT * FROM print_job WHERE source_sha256 = ? ORDER BY campaign, run_key, job_no")
			.param(sourceSha256)
			.query(PrintJobRepository::job)
			.list();
	}

	/**
	 * The run's print job (not a reprint) that is not complete yet, if any.
	 */
	Optional<PrintJob> findOpenJob(RunRef run) {
		return this.jdbc.sql("""
				SELECT * FROM print_job WHERE campaign = ? AND run_key = ? AND source_sha256 IS NULL
				AND state <> 'COMPLETE' ORDER BY job_no DESC FETCH FIRST 1 ROWS ONLY
				""").params(run.campaign(), run.runKey()).query(PrintJobRepository::job).optional();
	}

	int nextJobNo(RunRef run) {
		Integer last = this.jdbcTemplate.queryForObject(
				"SELECT MAX(job_no) FROM print_job WHERE campaign = ? AND run_key = ?", Integer.class, run.campaign(),
				run.runKey());
		return (last != null) ? last + 1 : 0;
	}

	void createJob(PrintJob job) {
		this.jdbcTemplate.update("""
				INSERT INTO print_job (campaign, run_key, job_no, folder, templates_root, plex, state, source_file,
				source_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", job.run().campaign(), job.run().runKey(), job.jobNo(), job.folder(),
				job.templatesRoot().toString(), job.duplex() ? "DUPLEX" : "SIMPLEX", job.state().name(),
				job.sourceFile(), job.sourceSha256(), now());
	}

	void updateJob(RunRef run, int jobNo, PrintJob.State state, @Nullable String preparedThrough,
			@Nullable String plannedThrough) {
		this.jdbcTemplate.update("""
				UPDATE print_job SET state = ?, prepared_through = ?, planned_through = ?, completed_at = ?
				WHERE campaign = ? AND run_key = ? AND job_no = ?
				""", state.name(), preparedThrough, plannedThrough, (state == PrintJob.State.COMPLETE) ? now() : null,
				run.campaign(), run.runKey(), jobNo);
	}

	void addItems(int jobNo, List<PrintItem> items) {
		this.jdbcTemplate.batchUpdate(
				"""
						MERGE INTO print_item t
						USING (VALUES (CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(40)))) AS s(id, recipient)
						ON t.communication_id = s.id AND t.recipient = s.recipient
						WHEN NOT MATCHED THEN INSERT (communication_id, recipient, campaign, run_key, customer_id, document_kind,
						   archive_path, content_sha256, pages, sheets, duplex, country, presort_key, sort_key, group_key, mail_class,
						   job_no)
						VALUES (s.id, s.recipient, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""",
				items, items.size(), (ps, item) -> {
					ps.setString(1, item.communicationId());
					ps.setString(2, item.recipient());
					ps.setString(3, item.run().campaign());
					ps.setString(4, item.run().runKey());
					ps.setString(5, item.customerId());
					ps.setString(6, item.kind().name());
					ps.setString(7, item.archivePath());
					ps.setString(8, item.contentSha256());
					ps.setInt(9, item.pages());
					ps.setInt(10, item.sheets());
					ps.setBoolean(11, item.duplex());
					ps.setString(12, item.country());
					ps.setString(13, item.presortKey());
					ps.setString(14, item.sortKey());
					ps.setString(15, item.groupKey());
					ps.setString(16, item.mailClass());
					ps.setInt(17, jobNo);
				});
	}

	/**
	 * Which of the given communications have been placed in a print job already.
	 */
	Set<String> placedAmong(List<String> communicationIds) {
		if (communicationIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc
			.sql("SELECT DISTINCT communication_id FROM print_item WHERE communication_id IN ("
					+ String.join(", ", Collections.nCopies(communicationIds.size(), "?")) + ")")
			.params(communicationIds)
			.query(String.class)
			.list());
	}

	/**
	 * The next documents in presort order after a sort key. (The ORDER BY starts with the
	 * columns the query fixes so that H2 reads them in the index's order instead of
	 * sorting the rest of the job for every page; the same for the last envelope.)
	 */
	List<PrintItem> itemsAfter(RunRef run, int jobNo, @Nullable String sortKey, int limit) {
		return this.jdbc.sql("SELECT " + ITEM_COLUMNS + """
				 FROM print_item i WHERE i.campaign = ? AND i.run_key = ? AND i.job_no = ? AND i.sort_key > ?
				ORDER BY i.campaign, i.run_key, i.job_no, i.sort_key FETCH FIRST ? ROWS ONLY
				""")
			.params(run.campaign(), run.runKey(), jobNo, (sortKey != null) ? sortKey : "", limit)
			.query(ITEM)
			.list();
	}

	void placeItems(List<PrintItem> items) {
		this.jdbcTemplate.batchUpdate(
				"UPDATE print_item SET envelope_id = ?, item_position = ? WHERE communication_id = ? AND recipient = ?",
				items, items.size(), (ps, item) -> {
					ps.setString(1, item.envelopeId());
					ps.setObject(2, item.position());
					ps.setString(3, item.communicationId());
					ps.setString(4, item.recipient());
				});
	}

	Optional<Envelope> lastEnvelope(RunRef run) {
		return this.jdbc.sql("""
				SELECT * FROM print_envelope WHERE campaign = ? AND run_key = ?
				ORDER BY campaign DESC, run_key DESC, seq DESC FETCH FIRST 1 ROWS ONLY
				""").params(run.campaign(), run.runKey()).query(ENVELOPE).optional();
	}

	Optional<Envelope> findEnvelope(String envelopeId) {
		return this.jdbc.sql("SELECT * FROM print_envelope WHERE envelope_id = ?")
			.param(envelopeId)
			.query(ENVELOPE)
			.optional();
	}

	/** Inserts envelopes that are not stored yet, in one batch. */
	void insertEnvelopes(List<Envelope> envelopes) {
		this.jdbcTemplate.batchUpdate("""
				INSERT INTO print_envelope (envelope_id, campaign, run_key, seq, group_key, mail_class, country,
				presort_key, documents, sheets, stream_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", envelopes, envelopes.size(), (ps, envelope) -> {
			ps.setString(1, envelope.envelopeId());
			ps.setString(2, envelope.run().campaign());
			ps.setString(3, envelope.run().runKey());
			ps.setLong(4, envelope.seq());
			ps.setString(5, envelope.groupKey());
			ps.setString(6, envelope.mailClass());
			ps.setString(7, envelope.country());
			ps.setString(8, envelope.presortKey());
			ps.setInt(9, envelope.documents());
			ps.setInt(10, envelope.sheets());
			ps.setObject(11, envelope.streamNo());
		});
	}

	void saveEnvelope(Envelope envelope) {
		int updated = this.jdbcTemplate.update(
				"UPDATE print_envelope SET documents = ?, sheets = ?, stream_no = ? WHERE envelope_id = ?",
				envelope.documents(), envelope.sheets(), envelope.streamNo(), envelope.envelopeId());
		if (updated == 0) {
			insertEnvelopes(List.of(envelope));
		}
	}

	Optional<PrintStream> lastStream(RunRef run, int jobNo) {
		return this.jdbc.sql("""
				SELECT * FROM print_stream WHERE campaign = ? AND run_key = ? AND job_no = ?
				ORDER BY stream_no DESC FETCH FIRST 1 ROWS ONLY
				""").params(run.campaign(), run.runKey(), jobNo).query(STREAM).optional();
	}

	List<PrintStream> streams(RunRef run, int jobNo) {
		return this.jdbc.sql("""
				SELECT * FROM print_stream WHERE campaign = ? AND run_key = ? AND job_no = ? ORDER BY stream_no
				""").params(run.campaign(), run.runKey(), jobNo).query(STREAM).list();
	}

	List<PrintStream> nextStreamsToWrite(RunRef run, int jobNo, int count) {
		return this.jdbc.sql("""
				SELECT * FROM print_stream WHERE campaign = ? AND run_key = ? AND job_no = ? AND state = 'PLANNED'
				ORDER BY stream_no FETCH FIRST ? ROWS ONLY
				""").params(run.campaign(), run.runKey(), jobNo, count).query(STREAM).list();
	}

	void saveStream(PrintStream stream) {
		int updated = this.jdbcTemplate.update("""
				UPDATE print_stream SET state = ?, envelopes = ?, documents = ?, sheets = ?, pages = ?, sha256 = ?,
				written_at = ? WHERE campaign = ? AND run_key = ? AND job_no = ? AND stream_no = ?
				""", stream.state(), stream.envelopes(), stream.documents(), stream.sheets(), stream.pages(),
				stream.sha256(), PrintStream.WRITTEN.equals(stream.state()) ? now() : null, stream.run().campaign(),
				stream.run().runKey(), stream.jobNo(), stream.streamNo());
		if (updated == 0) {
			this.jdbcTemplate.update("""
					INSERT INTO print_stream (campaign, run_key, job_no, stream_no, file, mail_class, state, envelopes,
					documents, sheets, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""", stream.run().campaign(), stream.run().runKey(), stream.jobNo(), stream.streamNo(),
					stream.file(), stream.mailClass(), stream.state(), stream.envelopes(), stream.documents(),
					stream.sheets(), stream.pages());
		}
	}

	/**
	 * The documents of one of a job's streams, in stream order, with their envelope,
	 * without holding them in memory. The stream is matched exactly so that the database
	 * reads its envelopes in order from an index, however many streams the run has.
	 */
	void forEachPlaced(PrintJob job, int streamNo, Consumer<Placed> action) {
		RunRef run = job.run();
		String sql = !job.reprint() ? """
				SELECT %s, e.sheets AS envelope_sheets FROM print_envelope e
				JOIN print_item i ON i.envelope_id = e.envelope_id
				WHERE e.campaign = ? AND e.run_key = ? AND e.stream_no = ? AND i.job_no = ?
				ORDER BY e.seq, i.item_position
				""".formatted(ITEM_COLUMNS) : """
				SELECT %s, e.sheets AS envelope_sheets FROM print_reprint r
				JOIN print_envelope e ON e.envelope_id = r.envelope_id
				JOIN print_item i ON i.envelope_id = e.envelope_id
				WHERE r.campaign = ? AND r.run_key = ? AND r.stream_no = ? AND r.job_no = ?
				ORDER BY r.seq, i.item_position
				""".formatted(ITEM_COLUMNS);
		this.jdbcTemplate.query(con -> {
			var ps = con.prepareStatement(sql);
			ps.setFetchSize(500);
			ps.setString(1, run.campaign());
			ps.setString(2, run.runKey());
			ps.setInt(3, streamNo);
			ps.setInt(4, job.jobNo());
			return ps;
		}, (ResultSet rs) -> {
			action.accept(new Placed(ITEM.mapRow(rs, 0), rs.getInt("envelope_sheets")));
		});
	}

	void addReprint(RunRef run, int jobNo, String envelopeId, long seq, int streamNo, @Nullable String reason) {
		this.jdbcTemplate.update("""
				INSERT INTO print_reprint (campaign, run_key, job_no, envelope_id, seq, stream_no, reason)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""", run.campaign(), run.runKey(), jobNo, envelopeId, seq, streamNo, reason);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static PrintJob job(ResultSet rs, int rowNum) throws SQLException {
		OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
		return new PrintJob(new RunRef(rs.getString("campaign"), rs.getString("run_key")), rs.getInt("job_no"),
				rs.getString("folder"), Path.of(rs.getString("templates_root")), "DUPLEX".equals(rs.getString("plex")),
				PrintJob.State.valueOf(rs.getString("state")), rs.getString("prepared_through"),
				rs.getString("planned_through"), rs.getString("source_file"), rs.getString("source_sha256"),
				(completed != null) ? completed.toInstant() : null);
	}

	private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * A document of a stream and the sheet count of its envelope.
	 *
	 * @param item the document
	 * @param envelopeSheets sheets of its envelope
	 */
	record Placed(PrintItem item, int envelopeSheets) {
	}

}
