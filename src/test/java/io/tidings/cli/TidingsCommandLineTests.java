package io.tidings.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.TestCampaigns;
import io.tidings.archive.BatchFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code tidings} command in-process, as a user would type it, and checks exit
 * codes and what it prints. Every command that boots the application gets a home folder
 * of its own ({@code --home}), so that no test sees another's database.
 */
class TidingsCommandLineTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@TempDir
	Path folder;

	@Test
	void shouldPrintTheUsageAndExitWith2WithoutACommand() {
		// when
		CommandResult result = tidings();
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("Usage: tidings", "run", "import", "history");
	}

	@Test
	void shouldPrintTheHelpAndExitWith0() {
		// when
		CommandResult result = tidings("--help");
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Usage: tidings", "--home", "Exit codes: 0 success");
	}

	@Test
	void shouldRefuseAnUnknownOptionWithExitCode2() {
		// when
		CommandResult result = tidings("run", "--colour", "job.yml");
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("Unknown option: '--colour'", "Usage: tidings run");
	}

	@Test
	void shouldRefuseALogFormatItDoesNotKnowBeforeStarting() {
		// when
		CommandResult result = tidings("--log-format", "xml", "purge", "--dry-run", "--home", home("log-format"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: --log-format must be one of ecs, logstash, text, not xml");
		assertThat(Path.of(home("log-format"))).doesNotExist();
	}

	@Test
	void shouldRefuseAJobFileWithAnUnknownKeyNamingFileAndLine() throws IOException {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Files.writeString(job, Files.readString(job).replace("as-of: 2026-09-30", "as-of: 2026-09-30\nschedulle: x"));
		// when
		CommandResult result = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home("unknown-key"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: " + job + ":7: field 'schedulle': unknown key");
	}

	/**
	 * Delivery on no thread at all (the setting's own check says why), and a clock start
	 * that is not a moment (the value cannot be read).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"tidings.run.delivery-threads | 0      | error: tidings.run.delivery-threads must be at least 1, not 0",
			"tidings.clock.start          | monday | error: tidings.clock.start: Text 'monday' could not be parsed" })
	void shouldRefuseASettingThatCannotWorkNamingItWithExitCode2(String setting, String value, String error) {
		// given
		System.setProperty(setting, value);
		try {
			// when
			CommandResult result = tidings("purge", "--dry-run", "--home", home("bad-setting-" + setting));
			// then
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
			assertThat(result.err()).contains(error);
		}
		finally {
			System.clearProperty(setting);
		}
	}

	@Test
	void shouldAcceptAHomeRelativeToTheWorkingFolderAndCountWhatAPurgeWouldDelete() {
		// given a home folder written relative to the working folder
		String home = "target/relative-home-" + UUID.randomUUID();
		// when
		CommandResult result = tidings("purge", "--dry-run", "--home", home);
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Dry run: nothing deleted", "communications planned before ",
				"batches that no communication is in (a stopped run's): 0");
		assertThat(Path.of(home, "db")).isDirectory();
	}

	@Test
	void shouldSayWhenTheExportsFileCannotBeWritten() throws IOException {
		// given a folder where the export's file should be
		Path folder = Files.createDirectories(Path.of("target", "export-into-a-folder-" + UUID.randomUUID()));
		// when
		CommandResult result = tidings("export-customer", "C000001", "--out", folder.toString(), "--home",
				home("export-folder"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains(folder.getFileName().toString(), "cannot be written");
	}

	@Test
	void shouldRefuseToEraseOrExportAnUnknownCustomerWithExitCode2() {
		// when
		CommandResult erase = tidings("erase-customer", "NOBODY", "--home", home("erase"));
		CommandResult export = tidings("export-customer", "NOBODY", "--home", home("erase"));
		// then
		assertThat(erase.exitCode()).as(erase.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(erase.err()).contains("error: no customer with id NOBODY");
		assertThat(export.exitCode()).as(export.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
	}

	@Test
	void shouldRefuseAMissingJobFile() {
		// given
		Path job = this.folder.resolve("absent.yml");
		// when
		CommandResult result = tidings("run", job.toString(), "--home", home("missing"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: " + job + ": job file not found");
	}

	@Test
	void shouldRunACampaignAndDoNothingWhenItIsRunAgain() throws IOException {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = home("run");
		// when
		CommandResult first = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		CommandResult again = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		CommandResult json = tidings("run", job.toString(), "--as-of", "2026-09-30", "--json", "--home", home);
		// then
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(first.out()).contains("Run quarterly-statements/2026-09-30 completed.", "audience: 10 customers",
				"email cross_sell sent", "not sent:",
				"print  " + Path.of(home, "out", "quarterly-statements", "2026-09-30", "print"));
		assertThat(first.out()).as("a stage's log line names the run and the stage")
			.containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\[main\\] "
					+ "\\[quarterly-statements/2026-09-30 renderDocumentsStep\\] progress - render completed: ");
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(again.out())
			.contains("Run quarterly-statements/2026-09-30 had already completed; nothing was done.",
					"audience: 10 customers")
			.doesNotContain(" completed.");
		assertThat(json.exitCode()).as(json.toString()).isEqualTo(TidingsCommandLine.OK);
		JsonNode summary = JSON.readTree(json.out());
		assertThat(summary.get("campaign").asString()).isEqualTo("quarterly-statements");
		assertThat(summary.get("alreadyComplete").asBoolean()).isTrue();
		assertThat(json.out()).as("printed as written")
			.isEqualTo(Files.readString(Path.of(home, "out", "quarterly-statements", "2026-09-30", "run.json")));
	}

	@Test
	void shouldRefuseAnApprovalByWhoMadeTheDryRunAndRecordWhoApproves() throws IOException {
		// given a dry run made by the command line's user "maker"
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("approval"));
		Files.writeString(job, Files.readString(job) + "policy:\n  require-approval: true\n");
		String home = home("approval");
		CommandResult dryRun = asUser("maker",
				() -> tidings("run", job.toString(), "--as-of", "2026-09-30", "--dry-run", "--home", home));
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(TidingsCommandLine.OK);
		Matcher key = Pattern.compile("dry-run key: (\\S+)").matcher(dryRun.out());
		assertThat(key.find()).as(dryRun.out()).isTrue();
		// when the same user approves it
		CommandResult own = asUser("Maker", () -> tidings("run", job.toString(), "--as-of", "2026-09-30", "--approve",
				key.group(1), "--home", home));
		// then it is refused, and nothing runs
		assertThat(own.exitCode()).as(own.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(own.err()).contains("four eyes: maker made that dry run", "another user must");
		// when another user approves it
		CommandResult other = asUser("checker", () -> tidings("run", job.toString(), "--as-of", "2026-09-30",
				"--approve", key.group(1), "--home", home));
		// then the run completes
		assertThat(other.exitCode()).as(other.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(other.out()).contains("Run quarterly-statements/2026-09-30 completed.");
	}

	private static CommandResult asUser(String user, java.util.function.Supplier<CommandResult> command) {
		System.setProperty("tidings.cli.user", user);
		try {
			return command.get();
		}
		finally {
			System.clearProperty("tidings.cli.user");
		}
	}

	@Test
	void shouldShowTheHistoryOfAMergedSourceRecordAndEachCommunication() throws IOException {
		// given
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		String home = home("history");
		CommandResult run = tidings("run", job.toString(), "--as-of", "2026-09-30", "--home", home);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(TidingsCommandLine.OK);
		// when
		CommandResult history = tidings("history", "T910", "--home", home);
		// then
		List<String> ids = CommandOutputs.assertHistoryOfMergedSourceRecord(history, Path.of(home));
		assertThat(history.out()).contains("Responses: 0");

		// when
		CommandResult show = tidings("show", ids.get(0), "--home", home);
		// then
		CommandOutputs.assertShowsCommunicationOfT009(show, ids.get(0), Path.of(home));

		// when
		CommandResult raw = tidings("show", ids.get(0), "--raw", "--home", home);
		// then the archive copy of a printed document, taken out of its batch's file:
		// its pages, hashing to the SHA-256 the ledger shows, the same bytes every time
		assertThat(raw.exitCode()).as(raw.toString()).isEqualTo(TidingsCommandLine.OK);
		Matcher sha256 = Pattern.compile("sha256 ([0-9a-f]{64})").matcher(show.out());
		assertThat(sha256.find()).as(show.out()).isTrue();
		try (PDDocument pdf = Loader.loadPDF(raw.bytes())) {
			assertThat(BatchFiles.sha256(pdf, 0, pdf.getNumberOfPages())).isEqualTo(sha256.group(1));
		}
		assertThat(tidings("show", ids.get(0), "--raw", "--home", home).bytes()).isEqualTo(raw.bytes());

		// when the customer's data and documents are exported (an access request)
		Path documents = this.folder.resolve("export-T009");
		CommandResult export = tidings("export-customer", "T009", "--out",
				this.folder.resolve("export-T009.json").toString(), "--documents", documents.toString(), "--home",
				home);
		// then the same documents, the printed one as show --raw gives it
		assertThat(export.exitCode()).as(export.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(export.out()).contains("2 archived documents of customer T009 written to " + documents);
		assertThat(documents.resolve(ids.get(0) + ".pdf")).hasBinaryContent(raw.bytes());
	}

	@Test
	void shouldWriteAProofPdfAndAnImageOfItsFirstPageForOneCustomer() throws IOException {
		// given the test customers imported
		Path job = TestCampaigns.smallCampaign(this.folder.resolve("campaign"));
		Path data = job.getParent();
		String home = home("preview");
		CommandResult imported = tidings("import", data.resolve("customers.csv").toString(), "--mapping",
				TestCampaigns.PROJECT.resolve("samples/customers.mapping.yml").toString(), "--transactions",
				data.resolve("transactions.csv").toString(), "--home", home);
		assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(TidingsCommandLine.OK);
		Path proof = this.folder.resolve("proofs/statement-T003.pdf");
		// when
		CommandResult preview = tidings("preview", "statement/statement.ftlh", "--customer", "T003", "--job",
				job.toString(), "--as-of", "2026-09-30", "--out", proof.toString(), "--home", home);
		// then
		CommandOutputs.assertStatementProofOfT003(preview, proof);

		// when a template file is given by its path, and a customer who does not exist
		CommandResult mailer = tidings("preview",
				TestCampaigns.PROJECT.resolve("templates/mailer/cross-sell.ftlh").toString(), "--customer", "T003",
				"--job", job.toString(), "--out", proof.resolveSibling("mailer.pdf").toString(), "--home", home);
		CommandResult nobody = tidings("preview", "statement/statement.ftlh", "--customer", "T404", "--job",
				job.toString(), "--home", home);
		// then
		assertThat(mailer.exitCode()).as(mailer.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(proof.resolveSibling("mailer.png")).isRegularFile();
		assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(nobody.err()).contains("error: no customer with id T404");
	}

	@Test
	void shouldRefuseToShowSomethingThatIsNotACommunicationId() {
		// when
		CommandResult result = tidings("show", "not-an-id", "--home", home("show"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: 'not-an-id' is not a communication id");
	}

	@Test
	void shouldRefuseAnIngestKindThatIsNotSupportedYet() throws IOException {
		// given
		Path file = Files.writeString(this.folder.resolve("telegrams.csv"), "message_id,reason\n");
		// when
		CommandResult result = tidings("ingest", file.toString(), "--kind", "telegrams", "--home", home("ingest"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.BAD_INPUT);
		assertThat(result.err()).contains("error: --kind telegrams is not supported yet; supported: responses");
	}

	@Test
	void shouldIngestABounceFileAndRejectWhatIsNotADeliveryStatusNotification() throws IOException {
		// given
		Path file = Files.writeString(this.folder.resolve("reply.eml"),
				"From: someone@example.com\nSubject: out of office\nContent-Type: text/plain\n\nBack on Monday.\n");
		// when
		CommandResult result = tidings("ingest", file.toString(), "--kind", "bounces", "--home", home("bounces"));
		// then
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(TidingsCommandLine.OK);
		assertThat(result.out()).contains("Bounces: 1 records, 0 accepted, 1 rejected")
			.contains("Rejected records: " + this.folder.resolve("reply.rejects.csv"));
	}

	@Test
	void shouldImportACustomerFileAndPrintTheCounts() throws IOException {
		// given
		Path samples = Files.createDirectories(this.folder.resolve("samples"));
		for (String file : new String[] { "customers.csv", "customers.mapping.yml", "transactions.csv" }) {
			Files.copy(TestCampaigns.PROJECT.resolve("samples").resolve(file), samples.resolve(file),
					StandardCopyOption.REPLACE_EXISTING);
		}
		// when
		CommandResult result = tidings("import", samples.resolve("customers.csv").toString(), "--mapping",
				samples.resolve("customers.mapping.yml").toString(), "--transactions",
				samples.resolve("transactions.csv").toString(), "--home", home("import"));
		// then
		CommandOutputs.assertSampleCustomersImported(result, samples);
	}

	private String home(String name) {
		return this.folder.resolve("home-" + name).toString();
	}

	/**
	 * Runs the command with standard output and error captured; the command line creates
	 * its writers over {@code System.out} and {@code System.err} when it is called.
	 */
	static CommandResult tidings(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
		ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
			int exitCode = TidingsCommandLine.execute(args);
			return new CommandResult(exitCode, capturedOut.toByteArray(), capturedErr.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

}
