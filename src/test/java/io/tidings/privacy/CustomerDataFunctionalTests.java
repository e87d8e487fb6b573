package io.tidings.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.InvalidInputException;
import io.tidings.TestCampaigns;
import io.tidings.archive.DocumentArchive;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.Communication;
import io.tidings.outbox.Communications;
import io.tidings.outbox.DocumentKind;
import io.tidings.render.PdfAValidation;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retention, export, erasure and legal hold against the database and archive of a real
 * campaign run: each customer of the small campaign serves one test.
 */
@SpringBootTest
class CustomerDataFunctionalTests {

	@TempDir
	static Path folder;

	/** Per class: a subclass runs the same tests against another database. */
	private static final Set<Class<?>> ran = ConcurrentHashMap.newKeySet();

	@Autowired
	CampaignRunner runner;

	@Autowired
	CustomerDataRequests requests;

	@Autowired
	DataRetention retention;

	@Autowired
	Communications communications;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DocumentArchive archive;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeEach
	void runTheCampaignOnce() {
		if (!ran.contains(getClass())) {
			RunReport report = this.runner.run(TestCampaigns.smallCampaign(folder.resolve("campaign")),
					LocalDate.of(2026, 9, 30), false);
			assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
			ran.add(getClass());
		}
	}

	@Test
	void shouldExportEverythingHeldOnACustomerAndRecordIt() throws Exception {
		// when
		JsonNode export = export("T004");
		// then
		assertThat(export.get("customer").get("first_name").asString()).isEqualTo("小明");
		assertThat(export.get("customer").get("email").asString()).isEqualTo("wang.xiaoming@example.com");
		assertThat(export.get("communications")).hasSize(2);
		assertThat(export.get("communications").get(0).get("archive_path").asString()).isNotBlank();
		assertThat(export.get("source_records")).isNotEmpty();
		assertThat(export.get("consent_events")).isNotEmpty();
		assertThat(export.get("audiences")).hasSize(1);
		assertThat(actions("T004")).containsExactly("EXPORT");
	}

	@Test
	void shouldExportACopyOfEachArchivedDocumentPrintedOnesAsPdfAOfTheirOwn() throws Exception {
		// given customer T005's documents, a printed statement among them
		List<Communication> archived = this.communications.findByCustomer("T005")
			.stream()
			.filter(c -> c.archivePath() != null)
			.toList();
		assertThat(archived).anySatisfy(c -> assertThat(c.archivePath()).contains(".batch.pdf#pages="));
		String name = this.customers.findById("T005").orElseThrow().fullName();
		Path documents = folder.resolve("export-T005");
		// when
		int written = this.requests.exportDocuments("T005", documents);
		// then a file each, a printed one with exactly its own pages
		assertThat(written).isEqualTo(archived.size());
		for (Communication communication : archived) {
			String extension = DocumentArchive.extension(communication.archivePath());
			Path file = documents.resolve(communication.id() + "." + extension);
			assertThat(file).isRegularFile();
			if (extension.equals("pdf")) {
				byte[] pdf = Files.readAllBytes(file);
				assertThat(PdfAValidation.violations(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
				try (PDDocument document = Loader.loadPDF(pdf)) {
					assertThat(document.getNumberOfPages()).isEqualTo(communication.pageCount());
					assertThat(new PDFTextStripper().getText(document)).contains(name);
				}
			}
		}
		assertThat(actions("T005")).contains("EXPORT");
		Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.requests.exportDocuments("T005", notAFolder.resolve("documents")))
			.withMessageContaining(notAFolder.resolve("documents").toString())
			.withMessageContaining("cannot be written");
	}

	@Test
	void shouldEraseThePersonalDataAndKeepStatementsLedgerRowsAndConsent() throws Exception {
		// given customer T001: a printed statement and an email
		Communication statement = only("T001", DocumentKind.STATEMENT);
		Communication email = only("T001", DocumentKind.CROSS_SELL);
		assertThat(this.archive.read(email.archivePath())).isPresent();
		// when
		String summary = this.requests.erase("T001");
		// then
		assertThat(summary).contains("1 documents deleted", "2 communications kept");
		Customer erased = this.customers.findById("T001").orElseThrow();
		assertThat(erased.fullName()).isEmpty();
		assertThat(erased.email()).isNull();
		assertThat(erased.phone()).isNull();
		assertThat(erased.birthDate()).isNull();
		assertThat(erased.address().line1()).isNull();
		assertThat(this.archive.resolve(email.archivePath())).doesNotExist();
		assertThat(this.archive.read(statement.archivePath())).as("required by law").isPresent();
		assertThat(this.communications.findByCustomer("T001")).hasSize(2)
			.allSatisfy(c -> assertThat(c.decisionReason()).isEqualTo("erased"));
		String export = new String(exportBytes("T001"), StandardCharsets.UTF_8);
		assertThat(export).doesNotContain("Zoë", "Brontë", "zoe@example.com", "7400123456", "High Street",
				"1985-05-17");
		assertThat(export(("T001")).get("consent_events")).as("what the customer asked for is kept").isNotEmpty();
		assertThat(actions("T001")).startsWith("ERASE");
	}

	@Test
	void shouldNotEraseACustomerUnderLegalHoldUntilTheHoldIsReleased() {
		// given
		this.requests.legalHold("T006", true);
		// when / then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.requests.erase("T006"))
			.withMessageContaining("customer T006 is under legal hold: nothing erased");
		assertThat(this.customers.findById("T006").orElseThrow().email()).isNotNull();
		this.requests.legalHold("T006", false);
		this.requests.erase("T006");
		assertThat(this.customers.findById("T006").orElseThrow().email()).isNull();
		assertThat(actions("T006")).containsExactly("LEGAL_HOLD", "HOLD_RELEASED", "ERASE");
	}

	@Test
	void shouldRefuseRequestsAboutAnUnknownCustomer() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.requests.erase("NOBODY"))
			.withMessage("no customer with id NOBODY");
	}

	@Test
	void shouldPurgeWhatIsPastRetentionExceptUnderLegalHoldAndRecordIt() {
		// given the communications of T002 and T003 planned eight years ago, T003 on hold
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		OffsetDateTime eightYearsAgo = OffsetDateTime.now(ZoneOffset.UTC).minusYears(8);
		jdbc.sql("UPDATE communication SET planned_at = ? WHERE customer_id IN ('T002', 'T003')")
			.param(eightYearsAgo)
			.update();
		this.requests.legalHold("T003", true);
		List<Communication> old = this.communications.findByCustomer("T002");
		List<String> documents = old.stream().map(Communication::archivePath).filter(Objects::nonNull).toList();
		assertThat(documents).isNotEmpty()
			.allSatisfy(document -> assertThat(this.archive.read(document)).as(document).isPresent());
		List<String> heldAndNewer = Stream.of("T003", "T005")
			.flatMap(customer -> this.communications.findByCustomer(customer).stream())
			.map(Communication::archivePath)
			.filter(Objects::nonNull)
			.toList();
		int kept = this.communications.findByCustomer("T005").size();
		// when
		DataRetention.PurgeReport dryRun = this.retention.purge(true);
		// then
		assertThat(dryRun.documents()).isEqualTo(documents.size());
		assertThat(dryRun.communications()).isEqualTo(old.size());
		assertThat(this.communications.findByCustomer("T002")).hasSize(old.size());
		// when
		DataRetention.PurgeReport purge = this.retention.purge(false);
		// then
		assertThat(purge).extracting(DataRetention.PurgeReport::documents, DataRetention.PurgeReport::communications)
			.containsExactly((long) documents.size(), (long) old.size());
		assertThat(this.communications.findByCustomer("T002")).isEmpty();
		assertThat(documents).allSatisfy(document -> assertThat(this.archive.read(document)).as(document).isEmpty());
		assertThat(heldAndNewer).isNotEmpty()
			.allSatisfy(document -> assertThat(this.archive.read(document)).as("kept: " + document).isPresent());
		assertThat(this.communications.findByCustomer("T003")).as("legal hold").isNotEmpty();
		assertThat(this.communications.findByCustomer("T005")).hasSize(kept);
		assertThat(jdbc.sql("SELECT summary FROM privacy_action WHERE action = 'PURGE'").query(String.class).list())
			.singleElement()
			.asString()
			.contains(": " + documents.size() + ";");
		assertThat(this.retention.purge(false).communications()).as("run again").isZero();
	}

	private Communication only(String customerId, DocumentKind kind) {
		return this.communications.findByCustomer(customerId)
			.stream()
			.filter(c -> c.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	private JsonNode export(String customerId) {
		return JsonMapper.builder().build().readTree(exportBytes(customerId));
	}

	private byte[] exportBytes(String customerId) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.requests.export(customerId, out);
		return out.toByteArray();
	}

	private List<String> actions(String customerId) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT action FROM privacy_action WHERE customer_id = ? ORDER BY performed_at")
			.param(customerId)
			.query(String.class)
			.list();
	}

}
