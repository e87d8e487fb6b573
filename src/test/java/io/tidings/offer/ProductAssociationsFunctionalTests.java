package io.tidings.offer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerRepository;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@SpringBootTest
class ProductAssociationsFunctionalTests {

	@TempDir
	static Path folder;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Autowired
	CustomerImport customerImport;

	@Autowired
	CustomerRepository customers;

	@Autowired
	ProductAssociations associations;

	@Test
	void shouldMineSupportConfidenceAndLiftOfEveryPairOfProductsHeldTogether() throws Exception {
		// given the sample customers
		Path file = Files.copy(TestCampaigns.PROJECT.resolve("samples/customers.csv"), folder.resolve("customers.csv"));
		this.customerImport.importFiles(file, TestCampaigns.PROJECT.resolve("samples/customers.mapping.yml"), null);
		List<Set<String>> holdings = new ArrayList<>();
		var reader = this.customers.reader("test");
		reader.open(new ExecutionContext());
		Customer customer;
		while ((customer = reader.read()) != null) {
			holdings.add(customer.holdings());
		}
		reader.close();
		// when
		List<ProductAssociations.Association> mined = this.associations.mine();
		// then every rule agrees with a count made here
		assertThat(mined).isNotEmpty();
		double total = holdings.size();
		for (ProductAssociations.Association rule : mined) {
			long both = holdings.stream()
				.filter(h -> h.contains(rule.antecedent()) && h.contains(rule.consequent()))
				.count();
			long antecedent = holdings.stream().filter(h -> h.contains(rule.antecedent())).count();
			long consequent = holdings.stream().filter(h -> h.contains(rule.consequent())).count();
			assertThat(rule.customers()).isEqualTo(both);
			assertThat(rule.support()).isCloseTo(both / total, within(1e-9));
			assertThat(rule.confidence()).isCloseTo(both / (double) antecedent, within(1e-9));
			assertThat(rule.lift()).isCloseTo((both / (double) antecedent) / (consequent / total), within(1e-9));
		}
		// and affinities take the strongest rule from what a customer holds
		ProductAssociations.Affinities affinities = this.associations.load();
		ProductAssociations.Association strongest = mined.stream()
			.filter(rule -> rule.consequent().equals("CREDIT_CARD"))
			.max(java.util.Comparator.comparingDouble(ProductAssociations.Association::lift))
			.orElseThrow();
		assertThat(affinities.of(Set.of(strongest.antecedent())).get("CREDIT_CARD")).isEqualTo(strongest.lift());
	}

}
