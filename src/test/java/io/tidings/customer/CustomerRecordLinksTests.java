package io.tidings.customer;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.campaign.SyntheticCustomers;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRecordLinksTests {

	private static final int RECORDS = 20_000;

	@TempDir
	Path folder;

	private final CustomerRecordLinks links = new CustomerRecordLinks(new byte[32]);

	@Test
	void shouldLinkTheRecordsThatTheCandidateLookupsCouldBringTogether() {
		Customer twoNames = customer("C1", "Anna", "Schmidt");
		Customer sameInitials = customer("C2", "Adele", "Sauer");
		Customer oneInitialInCommon = customer("C3", "Anna", "Berger");
		Customer oneName = customer("C4", null, "Schulz");

		assertThat(shared(twoNames, sameInitials)).as("the same pair of initials").isTrue();
		assertThat(shared(twoNames, oneInitialInCommon)).as("two pairs are not looked up by one letter").isFalse();
		assertThat(linking(twoNames, oneName)).as("a record of one name is looked up by any pair with its initial")
			.isTrue();
	}

	@Test
	void shouldSplitADenseCustomerBaseEvenly() throws Exception {
		// a million customers' density in 20,000: two years of birth dates (27 customers
		// a
		// day, as 41 a day over the 66 years a million are drawn from) and ten houses a
		// street (8 customers a household)
		Path synthetic = SyntheticCustomers.write(RECORDS, this.folder.resolve("synthetic"));
		Path dense = this.folder.resolve("dense.csv");
		Random random = new Random(7);
		List<String> lines = Files.readAllLines(synthetic);
		try (BufferedWriter out = Files.newBufferedWriter(dense)) {
			out.write(lines.get(0) + "\n");
			for (String line : lines.subList(1, lines.size())) {
				String[] row = line.split(",", -1);
				row[5] = row[5].replaceFirst("\\d+", String.valueOf(1 + random.nextInt(10)));
				row[12] = LocalDate.of(1980, 1, 1).plusDays(random.nextInt(730)).toString();
				out.write(String.join(",", row) + "\n");
			}
		}
		CustomerLineMapper mapper = new CustomerLineMapper(dense,
				CustomerFileMapping.load(Path.of("samples/customers.mapping.yml")), ',');
		CustomerRecordValidator validator = new CustomerRecordValidator(LocalDate.of(2026, 12, 1), false);
		Path linksFile = this.folder.resolve("links");
		List<String> records = Files.readAllLines(dense);
		mapper.readHeader(records.get(0));
		try (BufferedWriter out = Files.newBufferedWriter(linksFile)) {
			for (int line = 2; line <= records.size(); line++) {
				ImportedCustomer imported = validator.validate(mapper.mapLine(records.get(line - 1), line));
				StringBuilder keys = new StringBuilder().append(line);
				this.links.keys(imported.customer()).forEach(key -> keys.append(' ').append(key.text()));
				out.write(keys + "\n");
			}
		}

		long[] counts = CustomerComponents.split(linksFile, 8, this.folder);

		assertThat(Arrays.stream(counts).sum()).isEqualTo(RECORDS);
		assertThat(Arrays.stream(counts).max().orElseThrow()).as("the largest partition against an eighth")
			.isLessThan(RECORDS / 8 * 11 / 10);
	}

	private boolean shared(Customer a, Customer b) {
		return this.links.keys(a).stream().anyMatch(key -> key.always() && this.links.keys(b).contains(key));
	}

	private boolean linking(Customer twoNames, Customer oneName) {
		return this.links.keys(oneName)
			.stream()
			.anyMatch(key -> key.always()
					&& this.links.keys(twoNames).stream().anyMatch(other -> other.hash() == key.hash()));
	}

	/**
	 * A customer of a date of birth and an address shared by all, with its own contacts.
	 */
	private static Customer customer(String id, @Nullable String firstName, String lastName) {
		Customer c = CustomerFixture.aCustomer();
		return new Customer(id, null, firstName, lastName, c.language(), c.address(), id + "@example.com", null,
				LocalDate.of(1980, 5, 1), c.balance(), c.currency(), c.holdings(), c.children(), c.maritalStatus(),
				c.consentEmail(), c.consentSms(), c.paperless(), c.attributes());
	}

}
