package io.tidings.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;
import io.tidings.TestCampaigns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Imports the sample customer file (with its deliberate defects and duplicates, see
 * {@code samples/README.md}) once for the class, and small files written by the tests for
 * the cases where a file is refused as a whole or a record is rejected. The small files
 * use ids starting with {@code B} and names of their own, so that they never match a
 * sample customer.
 */
@SpringBootTest
class CustomerImportJobFunctionalTests {

	private static final Path SAMPLES = TestCampaigns.PROJECT.resolve("samples");

	private static final String HEADER = "customer_id,salutation,first_name,last_name,language,address_line1,"
			+ "address_line2,postcode,city,country,email,phone,birth_date,balance,currency,holdings,children,"
			+ "marital_status,consent_email,consent_sms,paperless";

	private static final Map<String, String> DUPLICATES = Map.of("C900001", "C000148", "C900002", "C000016", "C900003",
			"C000083", "C900004", "C000210", "C900005", "C000091", "C900006", "C000067", "C900007", "C000207",
			"C900008", "C000227");

	@TempDir
	static Path folder;

	static Path customersFile;

	static ImportReport sampleImport;

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@BeforeAll
	static void importSamples(@Autowired CustomerImport customerImport) throws IOException {
		Path samples = Files.createDirectories(folder.resolve("samples"));
		for (String file : new String[] { "customers.csv", "customers.mapping.yml", "transactions.csv" }) {
			Files.copy(SAMPLES.resolve(file), samples.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		customersFile = samples.resolve("customers.csv");
		sampleImport = customerImport.importFiles(customersFile, samples.resolve("customers.mapping.yml"),
				samples.resolve("transactions.csv"));
	}

	@Test
	void shouldImportTheValidRecordsAndCountTheRejectedOnes() throws IOException {
		// given the sample files, imported once for the class
		// then
		assertThat(sampleImport.completed()).as(String.valueOf(sampleImport.failure())).isTrue();
		assertThat(sampleImport.customers()).isEqualTo(new ImportReport.Counts(248, 242, 6));
		assertThat(sampleImport.rejectFile()).isEqualTo(customersFile.resolveSibling("customers.rejects.csv"));
		assertThat(sampleImport.warningFile()).isEqualTo(customersFile.resolveSibling("customers.warnings.csv"));
		assertThat(Files.getPosixFilePermissions(sampleImport.rejectFile())).as("the reject file is owner-only")
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(sampleImport.warningFile())).as("the warning file is owner-only")
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.customers.findIdBySource("C000073")).as("a rejected record creates no customer").isEmpty();
		assertThat(this.customers.findById("C000001")).hasValueSatisfying(customer -> {
			assertThat(customer.language()).isEqualTo("en");
			assertThat(customer.consentEmail()).isTrue();
			assertThat(customer.attributes()).containsKey("trips_12m");
		});
		assertThat(this.customers.findById("C000008").orElseThrow().address().region()).isEqualTo("RM");
		assertThat(this.customers.findById("C000001").orElseThrow().address().region()).isNull();
	}

	@Test
	void shouldWriteEveryInvalidRecordToTheRejectFileWithLineFieldReasonAndRawRecord() throws IOException {
		// given the sample files, imported once for the class
		// then
		SampleCustomers.assertRejectFile(customersFile);
	}

	@Test
	void shouldListDroppedContactDetailsWithLineAndCustomerIdButNoPersonalValues() throws IOException {
		// given
		Path warningFile = customersFile.resolveSibling("customers.warnings.csv");
		// when
		List<CSVRecord> warnings = csv(warningFile);
		// then
		assertThat(warnings.get(0).toList()).containsExactly("line", "customer_id", "field", "reason");
		assertThat(warnings.subList(1, warnings.size()))
			.extracting(w -> Integer.parseInt(w.get(0)), w -> w.get(1), w -> w.get(2))
			.containsExactlyInAnyOrder(tuple(44, "C000042", "email"), tuple(87, "C000084", "phone"),
					tuple(102, "C000099", "phone"), tuple(129, "C000126", "email"), tuple(147, "C000142", "phone"),
					tuple(205, "C000198", "email"), tuple(64, "C000062", "account"));
		assertThat(Files.readString(warningFile)).doesNotContain("john..doe", "example..com", "+99 000", "12345",
				"maria.silva", "no-at-sign");
		assertThat(this.customers.findById("C000042")).hasValueSatisfying(customer -> {
			assertThat(customer.email()).isNull();
			assertThat(customer.lastName()).isEqualTo("Doyle");
		});
		assertThat(this.customers.findById("C000084").orElseThrow().phone()).isNull();
		assertThat(this.customers.findById("C000084").orElseThrow().email()).isEqualTo("luca_bianchi@example.com");
	}

	@Test
	void shouldMergeEachDuplicateIntoTheOriginalCustomer() {
		// given the sample files, imported once for the class
		// then
		assertThat(sampleImport.merges()).containsExactly(entry("new customer", 234L),
				entry("same date of birth and similar name", 8L));
		assertThat(sampleCustomerIds()).hasSize(234).doesNotContainAnyElementsOf(DUPLICATES.keySet());
		DUPLICATES.forEach((duplicate, original) -> assertThat(this.customers.findIdBySource(duplicate)).as(duplicate)
			.contains(original));
		Customer soren = this.customers.findById("C000016").orElseThrow();
		assertThat(soren.firstName()).as("the original's spelling is kept").isEqualTo("Søren");
		assertThat(soren.email()).as("the duplicate fills the gap").isEqualTo("soren.kierkegard@example.com");
		assertThat(soren.consentEmail()).as("a consent holds only when both sources give it").isFalse();
		Customer georgios = this.customers.findById("C000083").orElseThrow();
		assertThat(georgios.phone()).as("the original's phone is kept").isEqualTo("+306976321658");
		assertThat(georgios.salutation()).isEqualTo("Mr");
		assertThat(this.customers.findById("C000207").orElseThrow().consentEmail()).isFalse();
	}

	@Test
	void shouldStoreNationalFormatPhoneNumbersInE164() {
		// given the sample files, imported once for the class
		// then
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("C000031", "+31623456781");
		expected.put("C000078", "+4915234567812");
		expected.put("C000171", "+33671234895");
		expected.put("C000195", "+393472819054");
		expected.put("C000203", "+351913456782");
		expected.put("C000209", "+353872345671");
		expected.put("C000232", "+447400123456");
		expected.put("C000236", "+34622184907");
		expected.forEach(
				(id, phone) -> assertThat(this.customers.findById(id).orElseThrow().phone()).as(id).isEqualTo(phone));
		assertThat(this.customers.findById("C000002").orElseThrow().phone()).startsWith("+351");
	}

	@Test
	void shouldImportTheTransactionsOfTheImportedCustomers() {
		// given the sample files, imported once for the class
		// then
		assertThat(sampleImport.transactions()).isEqualTo(new ImportReport.Counts(1275, 1275, 0));
		assertThat(sampleImport.transactionRejectFile()).isNull();
		assertThat(customersFile.resolveSibling("transactions.rejects.csv")).doesNotExist();
		assertThat(JdbcClient.create(this.dataSource)
			.sql("SELECT COUNT(*) FROM account_transaction")
			.query(Long.class)
			.single()).isEqualTo(1275L);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shouldKeepEveryCustomerIdAndEveryCustomerWhenTheSameFileIsImportedAgain(CapturedOutput output) {
		// given
		List<String> sourceIds = validSourceIds();
		Map<String, String> customerIdsBefore = customerIdsBySource(sourceIds);
		Map<String, Customer> customersBefore = sampleCustomers();
		// when
		ImportReport again = this.customerImport.importFiles(customersFile,
				customersFile.resolveSibling("customers.mapping.yml"),
				customersFile.resolveSibling("transactions.csv"));
		// then
		assertThat(again.completed()).as(String.valueOf(again.failure())).isTrue();
		assertThat(again.customers()).isEqualTo(new ImportReport.Counts(248, 242, 6));
		assertThat(again.merges()).containsExactly(entry("same source id", 242L));
		assertThat(sourceIds).hasSize(242);
		assertThat(customerIdsBySource(sourceIds)).isEqualTo(customerIdsBefore);
		assertThat(sampleCustomerIds()).hasSize(234);
		Map<String, Customer> customersAfter = sampleCustomers();
		assertThat(customersAfter.keySet()).isEqualTo(customersBefore.keySet());
		assertThat(
				customersBefore.keySet().stream().filter(id -> !customersBefore.get(id).equals(customersAfter.get(id))))
			.as("customers changed by a re-import of the same file")
			.isEmpty();
		assertThat(customersAfter.get("C000016").consentEmail())
			.as("a consent given only by the duplicate's source stays off")
			.isFalse();
		assertThat(customersAfter.get("C000227").firstName()).isEqualTo("Anne-Marie");
		assertThat(again.transactions()).isEqualTo(new ImportReport.Counts(1275, 1275, 0));
		// each file's progress shown, the transactions' too (minutes at a million
		// customers)
		assertThat(output).contains("progress - import completed: 247 read, 242 written, 6 skipped",
				"progress - transactions completed: 1,275 read, 1,275 written, 0 skipped");
	}

	@Test
	void shouldImportAFileThatStartsWithAByteOrderMark() throws IOException {
		// given
		Path file = write("bom.csv", "\uFEFF" + HEADER + "\n" + row("B101", "Amelia", "Bomford", "GB") + "\n"
				+ row("B102", "Bruno", "Bomfim", "PT") + "\n", StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, null, null);
		// then
		assertThat(report.completed()).isTrue();
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(2, 2, 0));
		assertThat(report.rejectFile()).isNull();
		assertThat(this.customers.findById("B101").orElseThrow().firstName()).isEqualTo("Amelia");
		assertThat(this.customers.findById("B102").orElseThrow().address().country()).isEqualTo("PT");
	}

	@Test
	void shouldStoreTheRegionOfAnAddressUnlessTheMappingKeepsTheColumnAsAnAttribute() throws IOException {
		// given a file with a region column, imported as it is and with a mapping from
		// before customers had a region
		Path file = write("regions.csv", HEADER + ",region\n" + row("B111", "Rita", "Region", "US") + ",IL\n",
				StandardCharsets.UTF_8);
		Path older = write("regions-as-attribute.csv",
				HEADER + ",region\n" + row("B112", "Otto", "Older", "US") + ",IL\n", StandardCharsets.UTF_8);
		Path mapping = write("regions-as-attribute.mapping.yml", "attributes: [region]\n", StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, null, null);
		ImportReport olderReport = this.customerImport.importFiles(older, mapping, null);
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		assertThat(this.customers.findById("B111").orElseThrow().address().region()).isEqualTo("IL");
		assertThat(olderReport.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		Customer keptAsAttribute = this.customers.findById("B112").orElseThrow();
		assertThat(keptAsAttribute.address().region()).isNull();
		assertThat(keptAsAttribute.attributes()).containsEntry("region", "IL");
	}

	@Test
	void shouldRefuseALatin1FileNamingTheLineWhereItStopsBeingUtf8() throws IOException {
		// given
		Path file = write(
				"latin1.csv", HEADER + "\n" + row("B201", "Anna", "Latimer", "DE") + "\n"
						+ row("B202", "Jürgen", "Müller", "DE") + "\n" + row("B203", "Otto", "Latimer", "DE") + "\n",
				StandardCharsets.ISO_8859_1);
		// when / then
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.customerImport.importFiles(file, null, null))
			.withMessageContaining(file + ":3:")
			.withMessageContaining("not valid UTF-8");
		assertThat(this.customers.findIdBySource("B201")).as("nothing is imported").isEmpty();
		assertThat(this.customers.findIdBySource("B203")).isEmpty();
		assertThat(file.resolveSibling("latin1.rejects.csv")).doesNotExist();
	}

	@Test
	void shouldRefuseAnUnknownColumnNamingLineAndColumn() throws IOException {
		// given
		Path file = write("unknown-column.csv", HEADER + ",nickname\n" + row("B301", "Una", "Known", "IE") + ",Unk\n",
				StandardCharsets.UTF_8);
		// when / then
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.customerImport.importFiles(file, null, null))
			.withMessageContaining(file + ":1: field 'nickname': unknown column");
		assertThat(this.customers.findIdBySource("B301")).isEmpty();
	}

	@Test
	void shouldRefuseAFileWithoutARequiredColumn() throws IOException {
		// given
		Path file = write("no-country.csv", HEADER.replace(",country,", ",") + "\n"
				+ row("B311", "Nora", "Countryless", "IE").replace(",IE,", ",") + "\n", StandardCharsets.UTF_8);
		// when / then
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.customerImport.importFiles(file, null, null))
			.withMessageContaining(file + ":1: field 'country': required column is missing");
		assertThat(this.customers.findIdBySource("B311")).isEmpty();
	}

	@Test
	void shouldRejectARecordWithALineBreakInAQuotedFieldAndImportTheNextRecords() throws IOException {
		// given a record on lines 3 and 4: its quoted address_line1 holds a line break
		String broken = row("B402", "Lina", "Breaker", "GB").replace("1 Test Street", "\"12 Long\nRoad\"");
		Path file = write("line-break.csv",
				HEADER + "\n" + row("B401", "Anna", "Before", "GB") + "\n" + broken + "\n"
						+ row("B403", "Carl", "After", "GB") + "\n" + row("B404", "Dora", "After", "GB") + "\n",
				StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, null, null);
		// then
		assertThat(report.completed()).isTrue();
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(4, 3, 1));
		List<CSVRecord> rejects = csv(file.resolveSibling("line-break.rejects.csv"));
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1).get(0)).as("the last line of the record").isEqualTo("4");
		assertThat(rejects.get(1).get(1)).isEqualTo("address_line1");
		assertThat(rejects.get(1).get(2)).contains("line break");
		assertThat(rejects.get(1).get(3)).isEqualTo(broken);
		assertThat(this.customers.findIdBySource("B402")).isEmpty();
		assertThat(this.customers.findById("B401")).isPresent();
		assertThat(this.customers.findById("B403")).isPresent();
		assertThat(this.customers.findById("B404")).isPresent();
	}

	@Test
	void shouldRejectARecordWhoseQuotedFieldIsStillOpenAtTheEndOfTheFile() throws IOException {
		// given
		String open = row("B602", "Otto", "Open", "GB").replace("1 Test Street", "\"1 Open Street");
		Path file = write("open-quote.csv", HEADER + "\n" + row("B601", "Olga", "Closed", "GB") + "\n" + open + "\n",
				StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, null, null);
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(2, 1, 1));
		List<CSVRecord> rejects = csv(file.resolveSibling("open-quote.rejects.csv"));
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1).get(0)).isEqualTo("3");
		assertThat(rejects.get(1).get(2)).isEqualTo("Unexpected end of file before record complete");
		assertThat(rejects.get(1).get(3)).isEqualTo(open);
		assertThat(this.customers.findById("B601")).isPresent();
	}

	@Test
	void shouldNeutraliseASpreadsheetFormulaInARejectedRecord() throws IOException {
		// given a file whose first column is the first name, and a record with a formula
		// as
		// first name and an impossible date of birth
		String header = "first_name,last_name,customer_id,country,birth_date";
		String formula = "=HYPERLINK(\"http://x\"),Formula,B501,GB,1985-13-45";
		Path file = write("formula.csv", header + "\n" + formula + "\nFiona,Formula,B502,GB,1985-01-13\n",
				StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, null, null);
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(2, 1, 1));
		List<CSVRecord> rejects = csv(file.resolveSibling("formula.rejects.csv"));
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1).get(1)).isEqualTo("birth_date");
		assertThat(rejects.get(1).get(3)).isEqualTo("'" + formula);
		assertThat(this.customers.findById("B502").orElseThrow().firstName()).isEqualTo("Fiona");
	}

	@Test
	void shouldImportAWindows1252FileInItsEncodingAndRefuseItWithoutNamingLineOffsetAndOption() throws IOException {
		// given a Windows-1252 file with é, ß and €, and a mapping that names the
		// encoding
		String text = HEADER + "\n" + row("B701", "Élodie", "Strauß", "DE").replace("1 Test Street", "Café 5 €") + "\n";
		Path file = write("windows-1252.csv", text, Charset.forName("windows-1252"));
		Path mapping = write("windows-1252.mapping.yml", "encoding: windows-1252\n", StandardCharsets.UTF_8);
		// when / then: read as UTF-8, it is refused with the line, byte offset and option
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.customerImport.importFiles(file, null, null))
			.withMessageContaining(file + ":2: not valid UTF-8 at byte offset " + (HEADER.length() + 1 + 6))
			.withMessageContaining("--encoding windows-1252");
		assertThat(this.customers.findIdBySource("B701")).isEmpty();
		// when read as Windows-1252, by option or by the mapping
		ImportReport byOption = this.customerImport.importFiles(file, null, null,
				new ImportOptions("windows-1252", null, null));
		ImportReport byMapping = this.customerImport.importFiles(file, mapping, null);
		// then
		assertThat(byOption.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		assertThat(byMapping.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		Customer customer = this.customers.findById("B701").orElseThrow();
		assertThat(customer.firstName()).isEqualTo("Élodie");
		assertThat(customer.lastName()).isEqualTo("Strauß");
		assertThat(customer.address().line1()).isEqualTo("Café 5 €");
	}

	@Test
	void shouldRefuseAFileThatIsNotValidInTheEncodingGivenAndAnEncodingJavaDoesNotKnow() throws IOException {
		// given a byte that Windows-1252 leaves undefined (0x81) on line 2
		byte[] bytes = (HEADER + "\n" + row("B711", "Undine", "Undefined", "DE") + "\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		bytes[HEADER.length() + 1 + 6] = (byte) 0x81;
		Path file = folder.resolve("small").resolve("undefined-1252.csv");
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
		// when / then
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(
				() -> this.customerImport.importFiles(file, null, null, new ImportOptions("windows-1252", null, null)))
			.withMessageContaining(file + ":2: not valid windows-1252 at byte offset " + (HEADER.length() + 7));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(
					() -> this.customerImport.importFiles(file, null, null, new ImportOptions("klingon-8", null, null)))
			.withMessageContaining("--encoding: 'klingon-8' is not an encoding");
	}

	@Test
	void shouldImportTabAndPipeSeparatedFiles() throws IOException {
		// given a .tsv file (tab by default) and a pipe-separated one
		Path tabs = write("tabs.tsv",
				HEADER.replace(',', '\t') + "\n" + row("B721", "Tabitha", "Tabber", "NL").replace(',', '\t') + "\n",
				StandardCharsets.UTF_8);
		Path pipes = write("pipes.txt", HEADER.replace(',', '|') + "\n"
				+ row("B722", "Piper", "Piping", "NL").replace(',', '|').replace("CURRENT_ACCOUNT", "\"A|B\"") + "\n",
				StandardCharsets.UTF_8);
		// when
		ImportReport tabReport = this.customerImport.importFiles(tabs, null, null);
		ImportReport pipeReport = this.customerImport.importFiles(pipes, null, null,
				new ImportOptions(null, "pipe", null));
		// then
		assertThat(tabReport.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		assertThat(pipeReport.customers()).isEqualTo(new ImportReport.Counts(1, 1, 0));
		assertThat(this.customers.findById("B721").orElseThrow().address().city()).isEqualTo("Testville");
		assertThat(this.customers.findById("B722").orElseThrow().holdings()).containsExactlyInAnyOrder("A", "B");
	}

	@Test
	void shouldMapValuesDatesAndDecimalCommasAndRejectAValueOutsideTheMap() throws IOException {
		// given a semicolon file with J/N flags, local dates and decimal commas
		Path mapping = write("local.mapping.yml", """
				formats:
				  consent_email:
				    values: {"J": true, "N": false}
				  birth_date:
				    date-format: [dd/MM/yyyy, d.M.yyyy]
				  balance:
				    decimal: comma
				""", StandardCharsets.UTF_8);
		String header = "customer_id;first_name;last_name;country;consent_email;birth_date;balance";
		Path file = write("local.csv",
				header + "\n" + "B731;Jana;Jawohl;DE;J;07/03/1961;1.234,56\n"
						+ "B732;Nils;Neinsager;DE;N;7.3.1962;-12,5\n" + "B733;Xaver;Xanthos;DE;X;07/03/1963;1\n"
						+ "B734;Fritz;Februar;DE;N;31/02/1964;1\n" + "B735;Dora;Dezimal;DE;N;01/01/1965;1.23\n",
				StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, mapping, null);
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(5, 2, 3));
		Customer jana = this.customers.findById("B731").orElseThrow();
		assertThat(jana.consentEmail()).isTrue();
		assertThat(jana.birthDate()).hasToString("1961-03-07");
		assertThat(jana.balance()).isEqualByComparingTo("1234.56");
		Customer nils = this.customers.findById("B732").orElseThrow();
		assertThat(nils.consentEmail()).isFalse();
		assertThat(nils.birthDate()).hasToString("1962-03-07");
		assertThat(nils.balance()).isEqualByComparingTo("-12.5");
		List<CSVRecord> rejects = csv(file.resolveSibling("local.rejects.csv"));
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2))
			.containsExactly(tuple("4", "consent_email", "'X' is not one of the values the mapping gives for it: J, N"),
					tuple("5", "birth_date",
							"'31/02/1964' is not a date written dd/MM/yyyy or d.M.yyyy (or yyyy-MM-dd)"),
					tuple("6", "balance", "'1.23' is not a number written with a decimal comma, such as 1.234,56"));
	}

	@Test
	void shouldImportTheSheetOfAWorkbookAndRejectABadRowNamingSheetRowAndColumn() throws IOException {
		// given a workbook whose second sheet holds text, number, date and empty cells,
		// a row with an unknown country and one with an error cell
		Path file = folder.resolve("small").resolve("customers.xlsx");
		Files.createDirectories(file.getParent());
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100, false, true)) {
			workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("exported by the CRM");
			Sheet sheet = workbook.createSheet("Customers");
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
			String[] header = { "customer_id", "first_name", "last_name", "country", "birth_date", "balance",
					"children", "consent_email" };
			org.apache.poi.ss.usermodel.Row top = sheet.createRow(0);
			for (int column = 0; column < header.length; column++) {
				top.createCell(column).setCellValue(header[column]);
			}
			sheetRow(sheet, 1, "B801", "Xenia", "Xlsworth", "IE", date, 1234.5, 2, "Y");
			sheetRow(sheet, 2, "B802", "Yorick", "Xlsworth", "IE", null, null, 0, "N");
			sheetRow(sheet, 4, "B803", "Zora", "Xlsworth", "XX", date, 1, 0, "N");
			sheetRow(sheet, 5, "B804", "Wanda", "Xlsworth", "IE", date, 1, 0, "N").getCell(5)
				.setCellErrorValue(FormulaError.DIV0.getCode());
			try (var out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
		Path mapping = write("customers-xlsx.mapping.yml", """
				formats:
				  consent_email: {values: {"Y": yes, "N": no}}
				""", StandardCharsets.UTF_8);
		// when
		ImportReport report = this.customerImport.importFiles(file, mapping, null,
				new ImportOptions(null, null, "Customers"));
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(4, 2, 2));
		Customer xenia = this.customers.findById("B801").orElseThrow();
		assertThat(xenia.birthDate()).hasToString("1975-04-30");
		assertThat(xenia.balance()).isEqualByComparingTo("1234.5");
		assertThat(xenia.children()).isEqualTo(2);
		assertThat(xenia.consentEmail()).isTrue();
		Customer yorick = this.customers.findById("B802").orElseThrow();
		assertThat(yorick.birthDate()).isNull();
		assertThat(yorick.balance()).isEqualByComparingTo("0");
		List<CSVRecord> rejects = csv(file.resolveSibling("customers.rejects.csv"));
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2))
			.containsExactlyInAnyOrder(
					tuple("5", "country", "sheet 'Customers', row 5, column D: 'XX' is not an ISO 3166 country code"),
					tuple("6", "balance", "sheet 'Customers', row 6, column F: the cell holds the error #DIV/0!"));
		assertThat(rejects).extracting(r -> r.get(3)).contains("B803,Zora,Xlsworth,XX,1975-04-30,1,0,N");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(
				() -> this.customerImport.importFiles(file, mapping, null, new ImportOptions(null, null, "Clients")))
			.withMessageContaining("no sheet named or numbered 'Clients' (--sheet); its sheets: Notes, Customers");
		Path landMapping = write("land.mapping.yml", "columns: {country: land}\n", StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(
					() -> this.customerImport.importFiles(file, landMapping, null, new ImportOptions(null, null, "2")))
			.withMessageStartingWith(file + ": sheet 'Customers', row 1: field 'country': unknown column");
	}

	private static org.apache.poi.ss.usermodel.Row sheetRow(Sheet sheet, int index, String id, String firstName,
			String lastName, String country, @Nullable CellStyle date, @Nullable Number balance, int children,
			String consent) {
		org.apache.poi.ss.usermodel.Row row = sheet.createRow(index);
		row.createCell(0).setCellValue(id);
		row.createCell(1).setCellValue(firstName);
		row.createCell(2).setCellValue(lastName);
		row.createCell(3).setCellValue(country);
		if (date != null) {
			row.createCell(4).setCellValue(LocalDate.of(1975, 4, 30));
			row.getCell(4).setCellStyle(date);
		}
		if (balance != null) {
			row.createCell(5).setCellValue(balance.doubleValue());
		}
		row.createCell(6).setCellValue(children);
		row.createCell(7).setCellValue(consent);
		return row;
	}

	private static String row(String id, String firstName, String lastName, String country) {
		return String.join(",", id, "", firstName, lastName, "en", "1 Test Street", "", "1000", "Testville", country,
				"", "", "1980-02-02", "100.00", "EUR", "CURRENT_ACCOUNT", "0", "single", "false", "false", "false");
	}

	private static Path write(String name, String content, Charset charset) throws IOException {
		Path file = folder.resolve("small").resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, content.getBytes(charset));
		return file;
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
			return parser.getRecords();
		}
	}

	/** The customer ids of the sample file's records that are valid. */
	private static List<String> validSourceIds() {
		try {
			List<CSVRecord> records = csv(customersFile);
			return records.stream()
				.skip(1)
				.filter(r -> !SampleCustomers.INVALID_FIELDS.containsKey((int) r.getRecordNumber()))
				.map(r -> r.get(0))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<String, String> customerIdsBySource(List<String> sourceIds) {
		Map<String, String> ids = new LinkedHashMap<>();
		sourceIds.forEach(id -> ids.put(id, this.customers.findIdBySource(id).orElse(null)));
		return ids;
	}

	private List<String> sampleCustomerIds() {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT customer_id FROM customer WHERE customer_id LIKE 'C%' ORDER BY customer_id")
			.query(String.class)
			.list();
	}

	private Map<String, Customer> sampleCustomers() {
		Map<String, Customer> all = new LinkedHashMap<>();
		sampleCustomerIds().forEach(id -> all.put(id, this.customers.findById(id).orElseThrow()));
		return all;
	}

}
