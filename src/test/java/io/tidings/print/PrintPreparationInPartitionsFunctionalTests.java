package io.tidings.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.SimulatedClock;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Print preparation in partitions, as workers do it with scale-out: the printed documents
 * of a run, deferred from a Saturday to Monday, placed in Monday's print job in two
 * partitions of the customers, the second first and a chunk of the first done twice (as
 * after a crash), then put in envelopes and streams: each document is printed once.
 */
@SpringBootTest
class PrintPreparationInPartitionsFunctionalTests {

	private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

	static final SimulatedClock CLOCK = new SimulatedClock(lisbon(3));

	@TempDir
	static Path folder;

	@TestBean
	Clock clock;

	@Autowired
	CampaignRunner runner;

	@Autowired
	PrintProduction print;

	@Autowired
	CommunicationReaders readers;

	@Autowired
	JdbcTemplate jdbc;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldPlaceEveryDocumentOnceWhateverThePartitionsAndTheirOrder() throws IOException {
		// given a run planned on a Saturday, whose printed documents wait for Monday
		Path job = TestCampaigns.smallCampaignWithPolicy(folder.resolve("weekend"), """
				policy:
				  calendar:
				    avoid-weekdays: [saturday, sunday]
				""");
		RunReport planned = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		assertThat(planned.completed()).as(String.valueOf(planned.failure())).isTrue();
		RunRef run = planned.run();
		CLOCK.set(lisbon(5));
		Instant monday = CLOCK.instant();
		List<Communication> due = new ArrayList<>(
				this.readers.findDueAfter(run, Channel.PRINT, CommunicationState.RENDERED, monday, null, 1000));
		assertThat(due).hasSizeGreaterThan(4);
		due.sort(Comparator.comparing(Communication::customerId));
		List<Communication> first = due.subList(0, due.size() / 2);
		List<Communication> second = due.subList(due.size() / 2, due.size());
		Path templates = TestCampaigns.PROJECT.resolve("templates");

		// when a partition comes before the job is open, its documents wait
		this.print.prepare(run, due, ALL_MAY_PRINT);
		assertThat(items(run)).isZero();
		// when the job is opened, then its partitions place their documents in any order,
		// one chunk twice
		assertThat(this.print.open(run, templates, monday)).isTrue();
		assertThat(this.print.open(run, templates, monday)).as("one open job at a time").isFalse();
		this.print.prepare(run, second, ALL_MAY_PRINT);
		this.print.prepare(run, first.subList(0, 2), ALL_MAY_PRINT);
		this.print.prepare(run, first, ALL_MAY_PRINT);
		List<Communication> askedAgain = new ArrayList<>();
		this.print.prepare(run, first.subList(0, 2), (documents) -> {
			askedAgain.addAll(documents);
			return (document) -> true;
		});
		assertThat(askedAgain).as("the contact policy is not asked again for documents placed").isEmpty();
		this.print.prepared(run);
		this.print.prepared(run);
		// then each document is placed once
		assertThat(items(run)).isEqualTo(due.size());
		// and a partition of a later pass, while the job is past placing, leaves even a
		// document not placed to the print stage
		this.jdbc.update("DELETE FROM print_item WHERE communication_id = ?", first.get(0).id().value());
		this.print.prepare(run, first, ALL_MAY_PRINT);
		assertThat(items(run)).isEqualTo(due.size() - 1);
		this.jdbc.update("UPDATE print_job SET state = 'PREPARING' WHERE campaign = ? AND run_key = ?", run.campaign(),
				run.runKey());
		this.print.prepare(run, first, ALL_MAY_PRINT);
		assertThat(items(run)).isEqualTo(due.size());
		this.print.prepared(run);
		// and the streams print each once, every one that was due
		while (this.print.produceNext(run, templates, monday, ALL_MAY_PRINT)) {
			// envelopes, then streams
		}
		Path printed = this.print.complete(run).orElseThrow();
		List<String> manifest = Files.readAllLines(printed.resolve("manifest.csv"))
			.stream()
			.skip(1)
			.map(line -> line.substring(0, line.indexOf(',')))
			.toList();
		assertThat(manifest).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(due.stream().map(document -> document.id().value()).toList());
		assertThat(this.readers.findDueAfter(run, Channel.PRINT, CommunicationState.RENDERED, monday, null, 1000))
			.as("every document printed")
			.isEmpty();
	}

	private static final Function<List<Communication>, Predicate<Communication>> ALL_MAY_PRINT = (
			documents) -> (document) -> true;

	private int items(RunRef run) {
		Integer items = this.jdbc.queryForObject("SELECT COUNT(*) FROM print_item WHERE campaign = ? AND run_key = ?",
				Integer.class, run.campaign(), run.runKey());
		return (items != null) ? items : 0;
	}

	private static Instant lisbon(int dayOfOctober) {
		return ZonedDateTime.of(2026, 10, dayOfOctober, 10, 0, 0, 0, LISBON).toInstant();
	}

}
