package io.tidings.offer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.customer.CustomerFixture;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerWithoutEligibleOfferTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

	@Test
	void shouldNotOfferAProductTheCustomerHolds() {
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anOffer("MORTGAGE", "true", 0, 1)));
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomerHolding("MORTGAGE"),
				Map.of());
		assertThat(decision).isInstanceOf(OfferDecision.NoOffer.class);
		assertThat(decision.reason()).contains("MORTGAGE (already held)");
	}

	@Test
	void shouldNotOfferAProductTheCustomerComplainedAbout() {
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anOffer("CARD", "true", 0, 1)));
		ProductScore complained = ProductScore.unknown("CARD").with(ResponseSignal.COMPLAINT);
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(),
				Map.of("CARD", complained));
		assertThat(decision.reason()).contains("customer complained about it");
	}

	@Test
	void shouldNotMakeAnOfferOutsideItsValidity() {
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anExpiredOffer("OLD")));
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(), Map.of());
		assertThat(decision.reason()).contains("OLD (not valid on 2026-09-30)");
	}

	@Test
	void shouldRuleOutAnOfferWhoseRuleCannotBeEvaluatedForThisCustomer() {
		OfferCatalog catalog = new OfferCatalog(List.of(OfferFixture.anOffer("TRAVEL", "attr['job'] > 3", 0, 1)));
		OfferDecision decision = OfferFixture.arbitrate(catalog, CustomerFixture.aCustomer(), Map.of());
		assertThat(decision).isInstanceOf(OfferDecision.NoOffer.class);
		assertThat(decision.reason()).contains("TRAVEL (rule could not be evaluated");
	}

}
