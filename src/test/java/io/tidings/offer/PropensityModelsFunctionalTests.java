package io.tidings.offer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerImport;
import io.tidings.customer.CustomerRepository;
import io.tidings.response.ResponseIngest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Propensity models learned from ingested responses on the real Bank Marketing data: the
 * outcomes of the first 1,500 customers are ingested, a model is trained and every
 * customer scored.
 */
@SpringBootTest
class PropensityModelsFunctionalTests {

	private static final Path DATA = TestCampaigns.PROJECT.resolve("../shared/data/bank-marketing/bank.csv")
		.normalize();

	@TempDir
	static Path folder;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Autowired
	CustomerScoring scoring;

	@Autowired
	PropensityModels models;

	@Autowired
	CustomerRepository customers;

	@Autowired
	DataSource dataSource;

	@BeforeAll
	static void importAndIngest(@Autowired CustomerImport customerImport, @Autowired ResponseIngest responses)
			throws Exception {
		customerImport.importFiles(DATA, TestCampaigns.PROJECT.resolve("samples/bank-marketing/customers.mapping.yml"),
				null);
		List<String> lines = Files.readAllLines(DATA);
		StringBuilder file = new StringBuilder("customer_id;product;outcome;occurred_at\n");
		for (int row = 1; row <= 1500; row++) {
			boolean yes = lines.get(row).endsWith("\"yes\"");
			file.append(
					String.format("B%04d;term-deposit;%s;2010-11-01T12:00:00Z%n", row, yes ? "purchased" : "declined"));
		}
		responses.ingestResponses(Files.writeString(folder.resolve("responses.csv"), file));
	}

	@Test
	void shouldLearnAModelThatRanksRespondersFirstAndScoreEveryCustomer() throws Exception {
		// when
		Path out = folder.resolve("scores.csv");
		CustomerScoring.ScoreExport export = this.scoring.export("term-deposit",
				ModelSpec.load(TestCampaigns.PROJECT.resolve("samples/bank-marketing/model.yml")), true, out);
		// then
		PropensityModel model = export.model();
		assertThat(export.trained()).isTrue();
		assertThat(model.product()).isEqualTo("TERM_DEPOSIT");
		assertThat(model.trainingRows()).isEqualTo(1500);
		assertThat(model.crossValidatedAuc()).isBetween(0.65, 0.95);
		assertThat(model.encoder().tokens()).noneMatch(token -> token.startsWith("duration") || token.startsWith("y="))
			.noneMatch(token -> token.startsWith("holds:TERM_DEPOSIT"));
		List<String> lines = Files.readAllLines(out);
		assertThat(lines).hasSize(4522).first().isEqualTo("customer_id;score");
		Map<String, Double> scores = new HashMap<>();
		lines.subList(1, lines.size())
			.forEach(line -> scores.put(line.split(";")[0], Double.parseDouble(line.split(";")[1])));
		assertThat(scores).hasSize(4521).allSatisfy((id, score) -> assertThat(score).isBetween(0.0, 1.0));
		// and the held-out customers who subscribed score higher than those who did not
		List<String> data = Files.readAllLines(DATA);
		List<Double> yes = new ArrayList<>();
		List<Double> no = new ArrayList<>();
		for (int row = 1501; row < data.size(); row++) {
			(data.get(row).endsWith("\"yes\"") ? yes : no).add(scores.get(String.format("B%04d", row)));
		}
		assertThat(average(yes)).isGreaterThan(average(no) * 1.5);
	}

	@Test
	void shouldExplainAScoreByTheFeaturesThatMovedItMost() {
		PropensityModel model = this.models.latest("TERM_DEPOSIT")
			.orElseGet(() -> this.models.train("TERM_DEPOSIT", ModelSpec.defaults()));
		Customer customer = this.customers.findById("B0001").orElseThrow();
		List<String> explanation = model.explain(CustomerFacts.of(customer, java.time.LocalDate.of(2026, 11, 23)), 3);
		assertThat(explanation).hasSize(3).allMatch(line -> line.matches(".+ [+-]\\d+\\.\\d\\d"));
	}

	@Test
	void shouldStoreEachTrainingAsANewVersionAndRefuseToTrainOnTooFewResponses() {
		int before = this.models.latest("TERM_DEPOSIT").map(PropensityModel::version).orElse(0);
		PropensityModel retrained = this.models.train("TERM_DEPOSIT", ModelSpec.defaults());
		assertThat(retrained.version()).isEqualTo(before + 1);
		assertThat(this.models.latest("TERM_DEPOSIT"))
			.hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(before + 1));
		assertThatExceptionOfType(NotEnoughResponsesException.class)
			.isThrownBy(() -> this.models.train("MORTGAGE", ModelSpec.defaults()))
			.withMessageContaining("0 positive and 0 negative");
	}

	@Test
	void shouldScoreWithAModelAnotherProcessTrainedOnceTheLoadedOnesAreForgotten() {
		// given this process has loaded the newest model
		int loaded = this.models.latest("TERM_DEPOSIT")
			.orElseGet(() -> this.models.train("TERM_DEPOSIT", ModelSpec.defaults()))
			.version();
		// when another process (the run's manager) trains a newer one
		PropensityModels otherProcess = new PropensityModels(this.dataSource, this.customers, Clock.systemUTC());
		int trained = otherProcess.train("TERM_DEPOSIT", ModelSpec.defaults()).version();
		// then this process scores with the one it loaded until it forgets it
		assertThat(trained).isGreaterThan(loaded);
		assertThat(this.models.latest("TERM_DEPOSIT"))
			.hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(loaded));
		this.models.forgetLoaded();
		assertThat(this.models.latest("TERM_DEPOSIT"))
			.hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(trained));
	}

	private static double average(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

}
