package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tidings.campaign.PackagedRuns.freePort;
import static io.tidings.campaign.PackagedRuns.kill;
import static io.tidings.campaign.PackagedRuns.log;
import static io.tidings.campaign.PackagedRuns.remoteDatabase;
import static io.tidings.campaign.PackagedRuns.startDatabase;
import static io.tidings.campaign.PackagedRuns.waitUntil;
import static io.tidings.campaign.SampleCampaignOutputs.assertExactlyOnce;
import static io.tidings.campaign.SampleCampaignOutputs.database;
import static io.tidings.campaign.SampleCampaignOutputs.outFolder;
import static io.tidings.campaign.SampleCampaignOutputs.query;
import static io.tidings.campaign.SampleCampaignOutputs.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged application with SIGKILL in the middle of rendering, of delivery and
 * of writing print streams, runs the same command again, and checks that every planned
 * communication of the full sample campaign was delivered exactly once: in the ledger, in
 * the print streams and manifest, in the email outbox and in the SMS outbox. Kills at
 * stage boundaries, in the middle of import, select and decide, and between a real SMTP
 * or Twilio hand-over and the ledger happen at {@link io.tidings.CrashPoint}s, where the
 * process waits for the kill.
 */
class CampaignRestartIntegrationTests {

	private static final String AS_OF = "2026-09-30";

	private static final String TWILIO_ACCOUNT = "AC00000000000000000000000000000000";

	private static final String TWILIO_MESSAGES = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages.json";

	@TempDir
	static Path project;

	private static PackagedRuns runs;

	@BeforeAll
	static void copyProject() throws IOException {
		runs = new PackagedRuns(project, AS_OF);
		Path job = PackagedRuns.copySampleProjectWithoutPolicy(project);
		// statements on paper only: this test counts every statement among the printed
		// files
		Files.writeString(job, Files.readString(job).replaceAll("\n  email-statement: [^\n]*", ""));
	}

	@Test
	void shouldDeliverEverythingExactlyOnceAfterAKillDuringRendering() throws Exception {
		// given a run killed once the first chunk of documents is rendered
		Path home = project.resolve("home-render");
		killAt(sampleJob(), home, Map.of(), "render chunk 1");
		assertThat(TestFiles.archivedDocuments(home.resolve("archive"))).as("killed in the middle of rendering")
			.isBetween(1L, 299L);
		assertThat(TestFiles.count(home.resolve("out"), ".pdf")).as("killed before delivery started").isZero();
		// when the same command runs again
		Process second = start(home, Map.of(), "second");
		// then
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "second")).isZero();
		assertThat(log(home, "second")).contains("completed (resumed after a stop)");
		assertExactlyOnce(home, AS_OF);
	}

	@Test
	void shouldDeliverEverythingExactlyOnceAfterAKillDuringDelivery() throws Exception {
		// given a run killed once the first chunk of emails and SMS (100 of 120) is
		// delivered
		Path home = project.resolve("home-deliver");
		killAt(sampleJob(), home, Map.of(), "deliver chunk 1");
		long deliveredAtKill = TestFiles.count(outFolder(home, AS_OF), ".eml");
		// when
		Process second = start(home, Map.of(), "second");
		// then
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "second")).isZero();
		assertExactlyOnce(home, AS_OF);
		assertThat(deliveredAtKill).as("killed in the middle of delivery")
			.isPositive()
			.isLessThan(TestFiles.count(outFolder(home, AS_OF), ".eml"));
	}

	@Test
	void shouldPrintEverythingExactlyOnceAfterAKillWhileStreamsAreWritten() throws Exception {
		// given a run printing streams of 20 sheets, killed once the second stream is in
		// place and before it is recorded
		Path home = project.resolve("home-print");
		Map<String, String> smallStreams = Map.of("TIDINGS_PRINT_STREAMSHEETS", "20");
		killAt(sampleJob(), home, smallStreams, "print stream-0002.pdf written");
		assertThat(outFolder(home, AS_OF).resolve("print/stream-0002.pdf")).exists();
		assertThat(outFolder(home, AS_OF).resolve("print/DONE")).as("killed before the job was complete")
			.doesNotExist();
		// when
		Process second = start(home, smallStreams, "second");
		// then
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as(log(home, "second")).isZero();
		assertThat(log(home, "second")).contains("completed (resumed after a stop)");
		assertThat(TestFiles.count(outFolder(home, AS_OF).resolve("print"), ".pdf")).as("streams of 20 sheets")
			.isGreaterThan(2);
		assertExactlyOnce(home, AS_OF);
	}

	/**
	 * One run of the sample campaign, its database behind an H2 server of the test,
	 * struck at one point after the other; each time the same command resumes it and goes
	 * on to the next point. Kills in the middle of import, select and decide and at stage
	 * boundaries; the database stopped while the run decides; the disk full while the
	 * print stream is written.
	 */
	@Test
	void shouldDeliverEverythingExactlyOnceAfterKillsAtEachStageADatabaseLossAndAFullDisk() throws Exception {
		Path home = project.resolve("home-faults");
		Path job = sampleJob();
		int port = freePort();
		Map<String, String> database = remoteDatabase(home, port);
		Server server = startDatabase(port);
		try {
			// given kills in the middle of import, select, at the boundary to decide
			for (String point : List.of("import chunk 1", "select chunk 1", "decide started")) {
				killAt(job, home, database, point);
			}
			// when the database goes away in the middle of deciding
			Path reached = home.resolve("crash-point-reached");
			Files.deleteIfExists(reached);
			Map<String, String> pausing = new HashMap<>(database);
			pausing.put("TIDINGS_CRASH_POINT", "decide chunk 1");
			pausing.put("TIDINGS_CRASH_POINT_REACHED", reached.toString());
			Process lost = start(job, home, pausing, "database lost");
			waitUntil(() -> Files.exists(reached) ? 1 : 0, 1, lost);
			server.stop();
			Files.delete(reached);
			// then
			assertThat(lost.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(lost.exitValue()).as(log(home, "database lost")).isEqualTo(1);
			assertThat(log(home, "database lost")).contains("error: the database failed or cannot be reached (",
					"What was done is kept: run the same command again once the database is back.");
			// given the database back, a kill in the middle of deciding (the first chunk
			// of the resumed run) and one at the boundary to render
			server = startDatabase(port);
			killAt(job, home, database, "decide chunk 1");
			killAt(job, home, database, "render started");
			// when the process may write no file over 512 KB (ulimit -f: writing past it
			// fails with "File too large", as on a full disk), so the print stream cannot
			// be written
			Process full = start(job, home, database, "disk full", 512);
			// then
			assertThat(full.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(full.exitValue()).as(log(home, "disk full")).isEqualTo(1);
			assertThat(log(home, "disk full")).contains("render completed", "deliver completed",
					"FAILED in the stage \"print streams\": File too large", "Run the same command again",
					"The details are in " + home.resolve("logs/tidings.log") + ".");
			assertThat(log(home, "disk full")).as("no Java stack trace on the terminal").doesNotContain("\tat ");
			assertThat(Files.readString(home.resolve("logs/tidings.log"))).as("the trace in the log file")
				.contains("File too large", "\tat ");
			assertThat(outFolder(home, AS_OF).resolve("print/DONE")).doesNotExist();
			assertThat(TestFiles.count(outFolder(home, AS_OF).resolve("print"), ".pdf")).as("no stream written")
				.isZero();
			try (Stream<Path> files = Files.walk(home)) {
				assertThat(files.filter(path -> path.toString().endsWith(".part")))
					.as("the half-written stream removed")
					.isEmpty();
			}
			// given room again, and a kill at the boundary to complete
			killAt(job, home, database, "complete started");
			// when
			Process last = start(job, home, database, "last");
			// then
			assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(last.exitValue()).as(log(home, "last")).isZero();
			assertThat(log(home, "last")).contains("completed (resumed after a stop)");
		}
		finally {
			server.stop();
		}
		for (String resumed : List.of("select chunk 1", "decide started", "database lost", "disk full", "last")) {
			assertThat(log(home, resumed)).as(resumed).contains("did not end (the process stopped); recovering it");
		}
		assertExactlyOnce(home, AS_OF);
		assertThat(Files.readAllLines(project.resolve("samples/customers.rejects.csv")))
			.as("each rejected customer record once, though the import was killed halfway")
			.extracting(line -> line.substring(0, line.indexOf(',')))
			.containsExactlyInAnyOrder("line", "39", "76", "114", "154", "192", "229");
	}

	@Test
	void shouldSendEachEmailAndSmsAtMostOnceAfterAKillBetweenTheHandOverAndTheLedger() throws Exception {
		// given a real SMTP server and the real Twilio SDK against a fake Twilio API
		try (Transports transports = Transports.start()) {
			Map<String, String> oneThread = new HashMap<>(transports.environment());
			oneThread.put("TIDINGS_RUN_DELIVERYTHREADS", "1");
			Path home = project.resolve("home-transports");
			// the small campaign: four emails and two SMS
			Path job = TestCampaigns.smallCampaign(project.resolve("small"));
			// when killed after SMTP accepted the second email and after Twilio accepted
			// the first SMS, each time before the ledger recorded it, and run again (on
			// one delivery thread, so that each kill cuts off exactly one hand-over)
			killAt(job, home, oneThread, "deliver email handed over 2");
			killAt(job, home, oneThread, "deliver sms handed over 1");
			Process last = start(job, home, oneThread, "last");
			// then
			assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(last.exitValue()).as(log(home, "last")).isZero();
			assertThat(log(home, "deliver sms handed over 1")).contains("Recovered after a stop: 1 communication(s)");
			assertThat(log(home, "last")).contains("Recovered after a stop: 1 communication(s)")
				.contains("2 communication(s) in doubt");
			try (Connection db = database(home)) {
				Map<String, Set<String>> sent = sentByChannel(db);
				assertThat(transports.emailed()).doesNotHaveDuplicates()
					.containsExactlyInAnyOrderElementsOf(sent.get("EMAIL"))
					.hasSize(4);
				assertThat(transports.texted()).doesNotHaveDuplicates()
					.containsExactlyInAnyOrderElementsOf(sent.get("SMS"))
					.hasSize(2);
				assertThat(scalar(db, "SELECT COUNT(*) FROM communication WHERE state IN ('PLANNED', 'RENDERED')"))
					.isZero();
				assertThat(inDoubt(db)).as("the two whose hand-over the kills cut off from the ledger").hasSize(2);
			}
		}
	}

	@Test
	void shouldSendEachEmailAndSmsAtMostOnceAfterAKillWhileSeveralDeliveryThreadsHandOver() throws Exception {
		// given
		try (Transports transports = Transports.start()) {
			Path home = project.resolve("home-transports-threads");
			Path job = TestCampaigns.smallCampaign(project.resolve("small-threads"));
			// four delivery threads, fewer than the six emails and SMS: the bound below
			// then says something
			Map<String, String> environment = new HashMap<>(transports.environment());
			environment.put("TIDINGS_RUN_DELIVERYTHREADS", "4");
			// when killed after SMTP accepted the second email, while the other delivery
			// threads hand over the rest of the chunk, and run again
			killAt(job, home, environment, "deliver email handed over 2");
			Process last = start(job, home, environment, "last");
			// then
			assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(last.exitValue()).as(log(home, "last")).isZero();
			try (Connection db = database(home)) {
				Map<String, Set<String>> sent = sentByChannel(db);
				Set<String> inDoubt = inDoubt(db);
				assertThat(inDoubt).as("at most one per delivery thread").hasSizeBetween(1, 4);
				assertThat(sent.get("EMAIL")).hasSize(4);
				assertThat(sent.get("SMS")).hasSize(2);
				assertThat(scalar(db, "SELECT COUNT(*) FROM communication WHERE state IN ('PLANNED', 'RENDERED')"))
					.isZero();
				// one in doubt may or may not have reached its transport; every other
				// one did, once
				assertThat(transports.emailed()).doesNotHaveDuplicates()
					.isSubsetOf(sent.get("EMAIL"))
					.containsAll(notIn(sent.get("EMAIL"), inDoubt));
				assertThat(transports.texted()).doesNotHaveDuplicates()
					.isSubsetOf(sent.get("SMS"))
					.containsAll(notIn(sent.get("SMS"), inDoubt));
			}
		}
	}

	private static Map<String, Set<String>> sentByChannel(Connection db) throws SQLException {
		Map<String, Set<String>> sent = new HashMap<>();
		query(db,
				"SELECT communication_id, channel FROM communication WHERE state = 'SENT' AND run_key = '" + AS_OF
						+ "'",
				row -> sent.computeIfAbsent(row.getString("channel"), key -> new HashSet<>())
					.add(row.getString("communication_id")));
		return sent;
	}

	private static Set<String> inDoubt(Connection db) throws SQLException {
		Set<String> inDoubt = new HashSet<>();
		query(db, "SELECT communication_id FROM communication WHERE reason_code = 'in-doubt' AND state = 'SENT'",
				row -> inDoubt.add(row.getString("communication_id")));
		return inDoubt;
	}

	private static Set<String> notIn(Set<String> ids, Set<String> excluded) {
		Set<String> kept = new HashSet<>(ids);
		kept.removeAll(excluded);
		return kept;
	}

	/**
	 * A real SMTP server and a fake of the Twilio API, for the real SDK, that accepts
	 * every message.
	 */
	private record Transports(GreenMail smtpServer, WireMockServer twilio) implements AutoCloseable {

		static Transports start() {
			GreenMail smtpServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
			WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
			smtpServer.start();
			twilio.start();
			twilio.stubFor(post(urlPathEqualTo(TWILIO_MESSAGES))
				.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
						{"account_sid": "%s", "sid": "SM00000000000000000000000000000001", "status": "queued"}
						""".formatted(TWILIO_ACCOUNT))));
			return new Transports(smtpServer, twilio);
		}

		Map<String, String> environment() {
			return Map.of("SPRING_MAIL_HOST", "localhost", "SPRING_MAIL_PORT",
					String.valueOf(this.smtpServer.getSmtp().getPort()), "TIDINGS_SMS_ACCOUNTSID", TWILIO_ACCOUNT,
					"TIDINGS_SMS_AUTHTOKEN", "token", "TIDINGS_SMS_FROM", "+15005550006", "TIDINGS_SMS_BASEURL",
					"http://localhost:" + this.twilio.port(), "TIDINGS_SMS_STATUSCALLBACKURL",
					"https://bank.example/webhooks/twilio/status");
		}

		/** The communication ids of the emails the SMTP server received. */
		List<String> emailed() {
			return Stream.of(this.smtpServer.getReceivedMessages()).map(message -> {
				try {
					return message.getMessageID().replaceAll("^<|@.*$", "");
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}

		/** The communication ids of the SMS posted to Twilio. */
		List<String> texted() {
			return this.twilio.findAll(postRequestedFor(urlPathEqualTo(TWILIO_MESSAGES)))
				.stream()
				.map(request -> request.formParameters().get("StatusCallback").firstValue())
				.map(callback -> callback.substring(callback.indexOf("communicationId=") + 16))
				.toList();
		}

		@Override
		public void close() {
			this.twilio.stop();
			this.smtpServer.stop();
		}

	}

	private static Process start(Path home, Map<String, String> environment, String name) throws IOException {
		return start(sampleJob(), home, environment, name);
	}

	private static Path sampleJob() {
		return project.resolve("jobs/quarterly-statements.yml");
	}

	private static Process start(Path job, Path home, Map<String, String> environment, String name) throws IOException {
		return runs.start(job, home, environment, name);
	}

	private static Process start(Path job, Path home, Map<String, String> environment, String name, int fileSizeLimit)
			throws IOException {
		return runs.start(job, home, environment, name, fileSizeLimit);
	}

	/**
	 * Runs the command until it reaches a {@link io.tidings.CrashPoint}, where it waits,
	 * and kills it there; its log is named after the point.
	 */
	private static void killAt(Path job, Path home, Map<String, String> environment, String point) throws Exception {
		Path reached = home.resolve("crash-point-reached");
		Files.deleteIfExists(reached);
		Map<String, String> crashing = new HashMap<>(environment);
		crashing.put("TIDINGS_CRASH_POINT", point);
		crashing.put("TIDINGS_CRASH_POINT_REACHED", reached.toString());
		Process process = start(job, home, crashing, point);
		waitUntil(() -> Files.exists(reached) ? 1 : 0, 1, process);
		kill(process);
	}

}
