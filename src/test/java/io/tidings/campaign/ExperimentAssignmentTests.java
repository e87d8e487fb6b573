package io.tidings.campaign;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentAssignmentTests {

	private final CampaignDefinition.Experiment experiment = new CampaignDefinition.Experiment(0.1,
			List.of(new CampaignDefinition.Variant("champion", 0.5, Map.of()),
					new CampaignDefinition.Variant("challenger", 0.5, Map.of("email", "email/b.html.ftlh"))));

	@Test
	void shouldHoldOutTheConfiguredShareAndSplitTheVariants() {
		// given
		ExperimentAssignment assignment = new ExperimentAssignment("spring-promo", this.experiment);
		// when
		int control = 0;
		int challenger = 0;
		for (int i = 0; i < 20_000; i++) {
			String customer = "C" + i;
			control += assignment.inControlGroup(customer) ? 1 : 0;
			challenger += "challenger".equals(assignment.variant(customer)) ? 1 : 0;
		}
		// then
		assertThat(control / 20_000.0).isBetween(0.09, 0.11);
		assertThat(challenger / 20_000.0).isBetween(0.48, 0.52);
	}

	@Test
	void shouldAssignTheSameCustomerTheSameWayInEveryRunButDrawAnewPerCampaign() {
		ExperimentAssignment first = new ExperimentAssignment("spring-promo", this.experiment);
		ExperimentAssignment again = new ExperimentAssignment("spring-promo", this.experiment);
		ExperimentAssignment other = new ExperimentAssignment("autumn-promo", this.experiment);
		int differ = 0;
		for (int i = 0; i < 1_000; i++) {
			String customer = "C" + i;
			assertThat(again.inControlGroup(customer)).isEqualTo(first.inControlGroup(customer));
			assertThat(again.variant(customer)).isEqualTo(first.variant(customer));
			differ += (other.inControlGroup(customer) != first.inControlGroup(customer)) ? 1 : 0;
		}
		assertThat(differ).as("independent draws per campaign").isGreaterThan(100);
	}

}
