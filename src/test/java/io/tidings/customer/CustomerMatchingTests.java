package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMatchingTests {

	@Test
	void shouldKeyNamesByTheirComparableForm() {
		Customer customer = CustomerFixture.aCustomer();
		Customer greek = new Customer("C8", null, "Γιώργος", "Παπαδόπουλος", "el", customer.address(), null, null,
				customer.birthDate(), BigDecimal.ZERO, "EUR", Set.of(), 0, null, false, false, false, Map.of());
		Customer latin = new Customer("C9", null, "GIORGOS", "Papadopoulos", "en", customer.address(), null, null,
				customer.birthDate(), BigDecimal.ZERO, "EUR", Set.of(), 0, null, false, false, false, Map.of());
		assertThat(CustomerMatching.matchKey(greek)).isEqualTo(CustomerMatching.matchKey(latin))
			.isEqualTo("giorgos|papadopoulos|1985-05-17");
	}

	@Test
	void shouldOnlyMatchOnItsOwnIdWithoutDateOfBirth() {
		Customer customer = CustomerFixture.aCustomer();
		Customer withoutBirthDate = new Customer("C9", null, customer.firstName(), customer.lastName(), "en",
				customer.address(), null, null, null, BigDecimal.ZERO, "EUR", Set.of(), 0, null, false, false, false,
				Map.of());
		assertThat(CustomerMatching.matchKey(withoutBirthDate)).isEqualTo("id:C9");
		assertThat(CustomerMatching.matchKey(customer)).isEqualTo("zoe|bronte smith|1985-05-17");
	}

	@Test
	void shouldFillGapsAndKeepAConsentOnlyWhenBothSourcesGiveIt() {
		// given a stored customer without email and a duplicate from another source with
		// one
		Customer stored = CustomerFixture.aCustomerWithoutEmail();
		Customer other = new Customer("C900001", null, "Zoe", "Bronte-Smith", "en", stored.address(),
				"zoe.other@example.com", null, stored.birthDate(), BigDecimal.ONE, "GBP", Set.of("SAVINGS"), 0, null,
				true, false, true, Map.of("segment", "retail"));
		// when
		Customer merged = CustomerMatching.mergeOtherSource(stored, other);
		// then
		assertThat(merged.id()).isEqualTo(stored.id());
		assertThat(merged.firstName()).isEqualTo("Zoë");
		assertThat(merged.email()).isEqualTo("zoe.other@example.com");
		assertThat(merged.phone()).isEqualTo(stored.phone());
		assertThat(merged.consentSms()).isFalse();
		assertThat(merged.consentEmail()).isTrue();
		assertThat(merged.holdings()).containsExactlyInAnyOrder("CURRENT_ACCOUNT", "SAVINGS");
		assertThat(merged.attributes()).containsEntry("segment", "retail").containsEntry("trips_12m", "1");
	}

	@Test
	void shouldLetANewerExtractOfTheSameSourceWithdrawAConsent() {
		Customer stored = CustomerFixture.aCustomer();
		Customer newer = CustomerFixture.aCustomerWithoutConsents();
		Customer updated = CustomerMatching.updateFromSameSource(stored, newer);
		assertThat(updated.consentEmail()).isFalse();
		assertThat(updated.consentSms()).isFalse();
		assertThat(updated.birthDate()).isEqualTo(LocalDate.of(1985, 5, 17));
	}

}
