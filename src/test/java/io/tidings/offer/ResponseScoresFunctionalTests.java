package io.tidings.offer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ResponseScoresFunctionalTests {

	@TempDir
	static Path folder;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
	}

	@Autowired
	ResponseScores scores;

	@Test
	void shouldReadTheScoresOfManyCustomersAsEachOnesOwn() {
		// given more customers than one query reads, each with its own responses
		List<String> customers = new ArrayList<>();
		for (int i = 0; i < 620; i++) {
			String customer = "RS" + i;
			customers.add(customer);
			this.scores.record(customer, "SAVINGS", (i % 3 == 0) ? ResponseSignal.NEGATIVE : ResponseSignal.POSITIVE);
			if (i % 2 == 0) {
				this.scores.record(customer, "CARD", ResponseSignal.POSITIVE);
			}
			if (i % 5 == 0) {
				this.scores.record(customer, "CARD", ResponseSignal.COMPLAINT);
			}
		}
		customers.add("RS-none");
		customers.add("RS1");
		// when
		Map<String, Map<String, ProductScore>> read = this.scores.forCustomers(customers);
		// then
		assertThat(read).hasSize(621);
		assertThat(read.get("RS-none")).isEmpty();
		for (int i = 0; i < 620; i++) {
			assertThat(read.get("RS" + i)).as("RS" + i).isEqualTo(this.scores.forCustomer("RS" + i));
		}
		assertThat(read.get("RS10")).containsOnlyKeys("SAVINGS", "CARD");
		assertThat(read.get("RS1")).containsOnlyKeys("SAVINGS");
	}

}
