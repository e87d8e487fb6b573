package io.tidings.customer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class CustomerMergeFunctionalTests {

	private static final Path DATA = Path.of("src/test/resources/io/tidings/customer/data");

	@TempDir
	static Path folder;

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	CustomerMerges merges;

	@Autowired
	AccountTransactionRepository transactions;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Test
	void shouldMergeTheSamePersonAcrossScriptsKeepApartAHouseholdAndUndoAMerge() throws Exception {
		// given two source files
		Path first = Files.copy(DATA.resolve("first-source.csv"), folder.resolve("first-source.csv"));
		Path second = Files.copy(DATA.resolve("second-source.csv"), folder.resolve("second-source.csv"));
		this.customerImport.importFiles(first, null, null);
		// when
		ImportReport report = this.customerImport.importFiles(second, null,
				transactions("T1,S001,2026-09-01,Card payment,-12.50,EUR"));
		// then the Greek customer spelt in Latin is merged, with its score, and fills the
		// gaps
		assertThat(report.completed()).isTrue();
		assertThat(this.customers.findIdBySource("S001")).contains("M001");
		Customer merged = this.customers.findById("M001").orElseThrow();
		assertThat(merged.firstName()).isEqualTo("Γιώργος");
		assertThat(merged.email()).isEqualTo("giorgos@example.com");
		assertThat(merged.consentEmail()).as("a consent holds only if both sources give it").isFalse();
		List<SourceRecordEntry> log = this.merges.log("S001");
		assertThat(log).extracting(SourceRecordEntry::sourceId).containsExactly("M001", "S001");
		assertThat(log.get(1).rule()).isEqualTo("same date of birth and similar name");
		assertThat(log.get(1).score()).isGreaterThan(0.9);
		assertThat(
				this.transactions.findForPeriod("M001", LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-30")))
			.extracting(AccountTransaction::transactionId)
			.containsExactly("T1");
		// and the wife sharing the husband's email is a customer of her own, in his
		// household
		assertThat(this.customers.findIdBySource("S002")).contains("S002");
		assertThat(this.merges.log("S002").get(0).rule()).startsWith("new customer; kept apart: shares an email");
		assertThat(this.customers.household("S002")).containsExactly("M002");

		// when the merge is undone
		CustomerMerges.Unmerged undone = this.merges.unmerge("S001");
		// then
		assertThat(undone.separated().id()).isEqualTo("S001");
		assertThat(this.customers.findById("S001").orElseThrow().firstName()).isEqualTo("Giorgos");
		Customer rebuilt = this.customers.findById("M001").orElseThrow();
		assertThat(rebuilt.email()).as("the separated record's email leaves with it").isNull();
		assertThat(this.customers.findIdBySource("S001")).contains("S001");

		// and importing the second file again does not merge them again
		this.customerImport.importFiles(second, null, transactions("T2,S001,2026-09-02,Card payment,-7.00,EUR"));
		assertThat(this.customers.findIdBySource("S001")).contains("S001");
		// and the record's transactions go to its own customer now
		assertThat(
				this.transactions.findForPeriod("S001", LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-30")))
			.extracting(AccountTransaction::transactionId)
			.containsExactly("T2");
		assertThat(this.customers.findById("M001").orElseThrow().email()).isNull();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.merges.unmerge("M001"))
			.withMessageContaining("is the customer's own record");
	}

	private static Path transactions(String row) throws IOException {
		return Files.writeString(Files.createTempFile(folder, "transactions", ".csv"),
				String.join(",", TransactionRow.HEADER) + "\n" + row + "\n");
	}

}
