package io.tidings;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.csv.IngestReport;
import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerRepository;
import io.tidings.customer.ImportReport;
import io.tidings.policy.OptOutIngest;
import io.tidings.response.ContactResponseRepository;
import io.tidings.response.ResponseIngest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tidings.BadInput.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The CSV files of the bad-input corpus through the real imports: a file unusable as a
 * whole is refused naming file, line and reason, and nothing of it is imported; in a
 * usable file, every bad record goes to the reject file with line, field and reason, and
 * every good one is imported.
 */
@SpringBootTest
class BadCsvInputCorpusTests {

	@TempDir
	static Path folder;

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	ResponseIngest responseIngest;

	@Autowired
	ContactResponseRepository responses;

	@Autowired
	OptOutIngest optOutIngest;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldRejectATruncatedRecordAndImportTheOthers() {
		// given
		Path truncated = copy("customers-truncated.csv");
		Path inQuotes = copy("customers-truncated-in-quotes.csv");
		// when
		ImportReport cut = importCustomers(truncated);
		ImportReport cutInQuotes = importCustomers(inQuotes);
		// then
		assertThat(cut.customers()).isEqualTo(new ImportReport.Counts(3, 2, 1));
		assertThat(rejects(cut)).containsExactly(tuple("4", "", "expected 21 columns as in the header, found 8"));
		assertThat(cutInQuotes.customers()).isEqualTo(new ImportReport.Counts(2, 1, 1));
		assertThat(rejects(cutInQuotes))
			.containsExactly(tuple("3", "", "Unexpected end of file before record complete"));
		assertImported("X101", "X102", "X111");
		assertNotImported("X103", "X112");
	}

	@Test
	void shouldRejectOnlyTheRecordWhoseQuotesAreMalformed() {
		// given
		Path file = copy("customers-stray-quotes.csv");
		// when
		ImportReport report = importCustomers(file);
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(4, 3, 1));
		List<CSVRecord> rejects = csv(report.rejectFile());
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1).get(0)).isEqualTo("4");
		assertThat(rejects.get(1).get(2)).startsWith("malformed CSV: ")
			.contains("Invalid character between encapsulated token and delimiter");
		assertThat(this.customers.findById("X121").orElseThrow().firstName())
			.as("a quote inside an unquoted field is a character of it")
			.isEqualTo("Jo\"hn");
		assertImported("X122", "X124");
	}

	@Test
	void shouldRefuseFilesThatAreNotUtf8NamingTheLineAndImportNothing() {
		assertRefused("customers-latin1.csv", ":3: not valid UTF-8");
		assertRefused("customers-utf16le-bom.csv", ":1: UTF-16 (the file starts with a UTF-16 byte order mark)");
		assertRefused("customers-utf16le-no-bom.csv", ":1: contains NUL characters");
		assertRefused("customers-binary.csv", ":1: not valid UTF-8");
		assertNotImported("X131", "X132", "X133", "X134", "X135", "X241");
	}

	@Test
	void shouldImportAUtf8FileWithAByteOrderMark() {
		ImportReport report = importCustomers(copy("customers-utf8-bom.csv"));
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(2, 2, 0));
		assertImported("X136", "X137");
	}

	@Test
	void shouldRejectOverlongFieldsRecordsAndAttributesAndGoOn() {
		// given a 5,000-character name, a 100,000-character line, a 5,000-character
		// attribute
		Path longFields = copy("customers-long-fields.csv");
		Path longAttribute = copy("customers-long-attribute.csv", "customers-long-attribute.mapping.yml");
		// when
		ImportReport fields = importCustomers(longFields);
		ImportReport attributes = this.customerImport.importFiles(longAttribute,
				longAttribute.resolveSibling("customers-long-attribute.mapping.yml"), null);
		// then
		assertThat(fields.customers()).isEqualTo(new ImportReport.Counts(4, 2, 2));
		assertThat(rejects(fields)).containsExactlyInAnyOrder(tuple("3", "first_name", "longer than 200 characters"),
				tuple("4", "",
						"record longer than 65536 characters (cut there): a field too long, or a quote left open"));
		assertThat(csv(fields.rejectFile())).filteredOn(r -> r.get(0).equals("4"))
			.singleElement()
			.satisfies(r -> assertThat(r.get(3)).as("the record as read, cut").hasSize(65_537));
		assertImported("X141", "X144");
		assertThat(attributes.customers()).isEqualTo(new ImportReport.Counts(3, 1, 2));
		assertThat(rejects(attributes)).containsExactlyInAnyOrder(tuple("3", "notes", "longer than 200 characters"),
				tuple("4", "notes", "contains a line break or control character"));
		assertThat(this.customers.findById("X261").orElseThrow().attributes()).containsEntry("notes", "short note");
	}

	@Test
	void shouldLetAQuoteLeftOpenTakeAtMostTenLinesIntoTheRejectFile() {
		// when
		ImportReport report = importCustomers(copy("customers-open-quote.csv"));
		// then the record opened on line 3 ends after 10 lines; the 21 records after it
		// are imported
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(23, 22, 1));
		List<CSVRecord> rejects = csv(report.rejectFile());
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1).get(0)).isEqualTo("12");
		assertThat(rejects.get(1).get(2)).startsWith("malformed CSV: ");
		assertThat(rejects.get(1).get(3).lines()).hasSize(10);
		assertImported("X151", "X162", "X182");
		assertNotImported("X152", "X161");
	}

	@Test
	void shouldReadDoubledQuotesAndCommasInQuotesAndRejectALineBreakInAName() {
		// when (a file with CRLF line ends)
		ImportReport report = importCustomers(copy("customers-quotes-and-line-breaks.csv"));
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(4, 3, 1));
		assertThat(rejects(report))
			.containsExactly(tuple("5", "first_name", "contains a line break or control character"));
		assertThat(this.customers.findById("X161").orElseThrow().firstName()).isEqualTo("Anne \"Nan\"");
		assertThat(this.customers.findById("X162").orElseThrow().address().line1()).isEqualTo("162, Comma Street");
		assertImported("X164");
	}

	@Test
	void shouldNeutraliseFormulasInTheRejectFileAndKeepThemAsDataOtherwise() {
		// when
		ImportReport report = importCustomers(copy("customers-formulas.csv"));
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(7, 2, 5));
		List<CSVRecord> rejects = csv(report.rejectFile());
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> r.get(3).substring(0, 2))
			.containsExactly("\"=", "'+", "'-", "'@", "'\t");
		BadInput.assertNoFormulaCells(report.rejectFile());
		assertThat(this.customers.findById("X176").orElseThrow().firstName()).isEqualTo("=1+1");
		assertImported("X177");
	}

	@Test
	void shouldNeutraliseFormulasInEveryRejectAndWarningFile() {
		// given customers X141 and X144
		Path customersFile = copy("customers-long-fields.csv");
		// when formula payloads go through every writer of rejects and warnings
		ImportReport customersWithFormulaIds = importCustomers(copy("customers-formula-ids.csv"));
		ImportReport transactions = this.customerImport.importFiles(customersFile, null,
				copy("transactions-formulas.csv"));
		IngestReport responses = this.responseIngest.ingestResponses(copy("responses-formulas.csv"));
		IngestReport optOuts = this.optOutIngest.ingest(copy("opt-outs-formulas.csv"));
		// then
		assertThat(csv(customersWithFormulaIds.warningFile()).subList(1, 4)).extracting(w -> w.get(1))
			.containsExactly("'=X271", "'+X272", "'-X273+1");
		assertThat(this.customers.findById("=X271")).as("kept as data").isPresent();
		assertThat(csv(transactions.transactionRejectFile())).hasSize(3);
		assertThat(csv(responses.rejectFile())).hasSize(4);
		assertThat(csv(optOuts.rejectFile())).hasSize(4);
		for (Path written : new Path[] { customersWithFormulaIds.warningFile(), transactions.transactionRejectFile(),
				responses.rejectFile(), optOuts.rejectFile() }) {
			BadInput.assertNoFormulaCells(written);
		}
	}

	@Test
	void shouldRejectLineBreaksInNamesAndEmailAddressesBeforeTheyReachAHeader() {
		// when
		ImportReport report = importCustomers(copy("customers-header-injection.csv"));
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(3, 1, 2));
		assertThat(rejects(report)).containsExactly(
				tuple("3", "first_name", "contains a line break or control character"),
				tuple("5", "email", "contains a line break or control character"));
		assertThat(this.customers.findById("X203").orElseThrow().email()).isEqualTo("x203@example.com");
	}

	@Test
	void shouldDropInvalidEmailAddressesAndPhoneNumbersWithAWarningAndKeepTheCustomer() {
		// when
		ImportReport report = importCustomers(copy("customers-invalid-contacts.csv"));
		// then
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(5, 5, 0));
		assertThat(report.rejectFile()).isNull();
		List<CSVRecord> warnings = csv(report.warningFile());
		assertThat(warnings.subList(1, warnings.size())).extracting(w -> w.get(0), w -> w.get(1), w -> w.get(2))
			.containsExactly(tuple("2", "X211", "email"), tuple("3", "X212", "phone"), tuple("4", "X213", "phone"),
					tuple("5", "X214", "email"));
		assertThat(this.customers.findById("X211").orElseThrow().email()).isNull();
		assertThat(this.customers.findById("X213").orElseThrow().phone()).isNull();
		assertThat(this.customers.findById("X215").orElseThrow().phone()).isEqualTo("+447400123456");
	}

	@Test
	void shouldRefuseAnEmptyFileAndAHeaderWithAColumnTwice() {
		assertRefused("customers-empty.csv", ":1: empty file: a header row is required");
		assertRefused("customers-duplicate-column.csv", ":1: field 'email': the column appears twice in the header");
		assertNotImported("X221");
	}

	@Test
	void shouldImportNothingFromAHeaderOnlyAndRejectBlankLines() {
		ImportReport headerOnly = importCustomers(copy("customers-header-only.csv"));
		ImportReport blankLines = importCustomers(copy("customers-blank-lines.csv"));
		assertThat(headerOnly.completed()).isTrue();
		assertThat(headerOnly.customers()).isEqualTo(new ImportReport.Counts(0, 0, 0));
		assertThat(blankLines.customers()).isEqualTo(new ImportReport.Counts(7, 3, 4));
		assertThat(rejects(blankLines)).extracting(r -> r.toList().get(2)).containsOnly("empty line");
		assertImported("X231", "X232", "X233");
	}

	@Test
	void shouldRefuseABadMappingFileNamingFileLineAndKeyAndImportNothing() {
		Path customersFile = copy("customers-html.csv");
		assertMappingRefused(customersFile, "mapping-unknown-key.yml",
				":3: field 'atributes': unknown key; known keys here: attributes, columns,");
		assertMappingRefused(customersFile, "mapping-unknown-field.yml",
				":3: field 'columns.shoe_size': unknown key; known keys here: customer_id,");
		assertMappingRefused(customersFile, "mapping-wrong-type.yml",
				":1: field 'columns': expected keys with values, found a list");
		assertNotImported("X191", "X192");
	}

	@Test
	void shouldRejectAmountsThatCannotBeStoredExactly() {
		ImportReport report = importCustomers(copy("customers-out-of-range.csv"));
		assertThat(report.customers()).isEqualTo(new ImportReport.Counts(4, 1, 3));
		assertThat(rejects(report)).containsExactly(tuple("2", "balance", "'1e30' is out of range"),
				tuple("3", "balance", "'12345678901234567890.00' is out of range"),
				tuple("4", "balance", "'10.005' has more than 2 decimals"));
		assertThat(this.customers.findById("X255").orElseThrow().balance()).isEqualByComparingTo("-250.75");
	}

	@Test
	void shouldRejectBadTransactionsAndImportTheOthers() {
		// given customers X141 and X144
		Path customersFile = copy("customers-long-fields.csv");
		Path transactions = copy("transactions-bad.csv");
		// when
		ImportReport report = this.customerImport.importFiles(customersFile, null, transactions);
		// then
		assertThat(report.transactions()).isEqualTo(new ImportReport.Counts(7, 3, 4));
		assertThat(csv(report.transactionRejectFile()).subList(1, 5)).extracting(r -> r.get(0), r -> r.get(1))
			.containsExactly(tuple("3", "transaction_id"), tuple("4", "amount"), tuple("5", "amount"),
					tuple("6", "customer_id"));
	}

	@Test
	void shouldIngestTheValidResponsesAndRejectTheOthersWithFieldAndReason() {
		// given customers X141 and X144
		importCustomers(copy("customers-long-fields.csv"));
		// when
		IngestReport report = this.responseIngest.ingestResponses(copy("responses-bad.csv"));
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(3);
		assertThat(csv(report.rejectFile()).subList(1, 7)).extracting(r -> r.get(0), r -> r.get(1))
			.containsExactly(tuple("3", "customer_id"), tuple("4", "outcome"), tuple("5", "occurred_at"),
					tuple("6", "campaign"), tuple("7", "product"), tuple("8", "channel"));
		assertThat(this.responses.findByCustomer("X141")).hasSize(2);
		assertThat(this.responses.findByCustomer("X144")).hasSize(1);
		assertRefused(copy("responses-latin1.csv"), ":2: not valid UTF-8",
				() -> this.responseIngest.ingestResponses(folder.resolve("responses-latin1.csv")));
	}

	@Test
	void shouldIngestTheValidOptOutsAndRejectInvalidAddressesAndNumbers() {
		// given customer X141
		importCustomers(copy("customers-long-fields.csv"));
		// when
		IngestReport report = this.optOutIngest.ingest(copy("opt-outs-bad.csv"));
		// then
		assertThat(report.completed()).as(report.failure()).isTrue();
		assertThat(report.accepted()).isEqualTo(2);
		assertThat(csv(report.rejectFile()).subList(1, 6)).extracting(r -> r.get(0), r -> r.get(1))
			.containsExactly(tuple("2", "email"), tuple("3", "phone"), tuple("4", "email"), tuple("5", "channel"),
					tuple("6", "occurred_at"));
	}

	private static Path copy(String... names) {
		return BadInput.copy(folder, names);
	}

	private ImportReport importCustomers(Path file) {
		ImportReport report = this.customerImport.importFiles(file, null, null);
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		return report;
	}

	private static List<org.assertj.core.groups.Tuple> rejects(ImportReport report) {
		assertThat(report.rejectFile()).isNotNull();
		List<CSVRecord> rejects = csv(report.rejectFile());
		assertThat(rejects.get(0).toList()).containsExactly("line", "field", "reason", "record");
		return rejects.subList(1, rejects.size()).stream().map(r -> tuple(r.get(0), r.get(1), r.get(2))).toList();
	}

	private void assertRefused(String name, String message) {
		Path file = copy(name);
		assertRefused(file, message, () -> this.customerImport.importFiles(file, null, null));
	}

	private static void assertRefused(Path file, String message, Runnable action) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(action::run)
			.withMessageStartingWith(file + message);
		String name = file.getFileName().toString();
		assertThat(file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".rejects.csv")).doesNotExist();
	}

	private void assertMappingRefused(Path customersFile, String mapping, String message) {
		Path mappingFile = copy(mapping);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.customerImport.importFiles(customersFile, mappingFile, null))
			.withMessageStartingWith(mappingFile + message);
	}

	private void assertImported(String... ids) {
		for (String id : ids) {
			assertThat(this.customers.findById(id)).as(id).isPresent();
		}
	}

	private void assertNotImported(String... ids) {
		for (String id : ids) {
			assertThat(this.customers.findIdBySource(id)).as(id).isEmpty();
		}
	}

}
