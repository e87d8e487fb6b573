package io.tidings.offer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.customer.CustomerFixture;

import static org.assertj.core.api.Assertions.assertThat;

class OfferArbitrationTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

	@Test
	void shouldPickTheHighestExpectedValueAndSayWhy() {
		// given
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anOffer("LOW", "true", 99, 10),
				OfferFixture.anOffer("HIGH", "children > 0", 0, 100)));
		// when
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(), Map.of());
		// then
		assertThat(decision).isInstanceOfSatisfying(OfferDecision.Chosen.class, chosen -> {
			assertThat(chosen.offer().code()).isEqualTo("HIGH");
			assertThat(chosen.propensity()).isEqualTo(ProductScore.UNKNOWN);
			assertThat(chosen.reason()).contains("rule 'children > 0' met", "expected value 50.00",
					"preferred over LOW (expected value 5.00)");
		});
	}

	@Test
	void shouldLetResponsesChangeTheChoice() {
		OfferCatalog catalog = new OfferCatalog(
				List.of(OfferFixture.anOffer("A", "true", 0, 100), OfferFixture.anOffer("B", "true", 0, 100)));
		ProductScore declinedTwice = ProductScore.unknown("A")
			.with(ResponseSignal.NEGATIVE)
			.with(ResponseSignal.NEGATIVE);
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(),
				Map.of("A", declinedTwice));
		assertThat(((OfferDecision.Chosen) decision).offer().code()).isEqualTo("B");
		assertThat(declinedTwice.score()).isEqualTo(0.25);
	}

	@Test
	void shouldBreakTiesByPriorityThenCode() {
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anOffer("B", "true", 1, 10),
				OfferFixture.anOffer("A", "true", 1, 10), OfferFixture.anOffer("C", "true", 5, 10)));
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(), Map.of());
		assertThat(((OfferDecision.Chosen) decision).offer().code()).isEqualTo("C");
	}

}
