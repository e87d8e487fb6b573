package io.tidings.print;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelope planning goes a page of documents at a time, the last envelope of a page left
 * open for the next: planned again in pages of one and of two documents, a run's printed
 * documents (households sharing envelopes, a head-office copy of each statement, streams
 * of six sheets) end in the same envelopes and streams as in one page.
 */
@SpringBootTest(properties = { "tidings.print.stream-sheets=6",
		"tidings.print.kinds.statement.copies[0].code=head-office",
		"tidings.print.kinds.statement.copies[0].name=Tidings Bank Head Office",
		"tidings.print.kinds.statement.copies[0].address[0]=Rua do Ouro 10",
		"tidings.print.kinds.statement.copies[0].postcode=1100-060",
		"tidings.print.kinds.statement.copies[0].city=Lisboa", "tidings.print.kinds.statement.copies[0].country=PT" })
class EnvelopePlannerFunctionalTests {

	@TempDir
	static Path folder;

	@Autowired
	CampaignRunner runner;

	@Autowired
	PrintJobRepository jobs;

	@Autowired
	PrintSettings settings;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldPlanTheSameEnvelopesAndStreamsWhateverThePageSize() {
		RunReport report = this.runner.run(PrintCampaigns.households(folder.resolve("campaign")),
				LocalDate.of(2026, 9, 30), false);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		RunRef run = report.run();
		List<Map<String, Object>> envelopes = envelopes(run);
		List<Map<String, Object>> items = items(run);
		List<Map<String, Object>> streams = streams(run);
		assertThat(envelopes).as("households share envelopes").hasSizeLessThan(items.size());
		assertThat(streams).hasSizeGreaterThan(2);

		for (int page : new int[] { 1, 2 }) {
			// when the run's job is planned again, a page of this many documents at a
			// time
			this.jdbc.update("DELETE FROM print_envelope WHERE campaign = ? AND run_key = ?", run.campaign(),
					run.runKey());
			this.jdbc.update("DELETE FROM print_stream WHERE campaign = ? AND run_key = ?", run.campaign(),
					run.runKey());
			this.jdbc.update("UPDATE print_item SET envelope_id = NULL, item_position = NULL"
					+ " WHERE campaign = ? AND run_key = ?", run.campaign(), run.runKey());
			this.jdbc.update("UPDATE print_job SET state = 'PLANNING', planned_through = NULL"
					+ " WHERE campaign = ? AND run_key = ?", run.campaign(), run.runKey());
			EnvelopePlanner planner = new EnvelopePlanner(this.jobs, this.settings, page);
			int steps = 0;
			while (planner.planNext(this.jobs.findOpenJob(run).orElseThrow())) {
				steps++;
			}
			// then
			assertThat(steps).isGreaterThanOrEqualTo(items.size() / page);
			assertThat(envelopes(run)).as("envelopes planned in pages of %d", page).isEqualTo(envelopes);
			assertThat(items(run)).as("documents' envelopes planned in pages of %d", page).isEqualTo(items);
			assertThat(streams(run)).as("streams planned in pages of %d", page).isEqualTo(streams);
		}
	}

	private List<Map<String, Object>> envelopes(RunRef run) {
		return this.jdbc.queryForList("SELECT envelope_id, seq, group_key, mail_class, country, presort_key,"
				+ " documents, sheets, stream_no FROM print_envelope WHERE campaign = ? AND run_key = ? ORDER BY seq",
				run.campaign(), run.runKey());
	}

	private List<Map<String, Object>> items(RunRef run) {
		return this.jdbc.queryForList(
				"SELECT communication_id, recipient, envelope_id, item_position FROM print_item"
						+ " WHERE campaign = ? AND run_key = ? ORDER BY communication_id, recipient",
				run.campaign(), run.runKey());
	}

	private List<Map<String, Object>> streams(RunRef run) {
		return this.jdbc
			.queryForList("SELECT stream_no, file, mail_class, envelopes, documents, sheets, pages FROM print_stream"
					+ " WHERE campaign = ? AND run_key = ? ORDER BY stream_no", run.campaign(), run.runKey());
	}

}
