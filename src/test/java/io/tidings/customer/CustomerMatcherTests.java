package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMatcherTests {

	private final CustomerMatcher matcher = new CustomerMatcher();

	@Test
	void shouldRecogniseANameWrittenInAnotherScript() {
		// given a Greek record and the same person spelt in Latin letters
		Customer greek = customer("C1", "Γιώργος", "Παπαδόπουλος", "1975-02-20", null, null);
		Customer latin = customer("X1", "Giorgos", "Papadopoulos", "1975-02-20", null, null);
		// when
		CustomerMatcher.MatchResult result = this.matcher.match(latin, List.of(greek));
		// then
		assertThat(result.match()).hasValueSatisfying(match -> {
			assertThat(match.customer().id()).isEqualTo("C1");
			assertThat(match.rule()).isEqualTo("same date of birth and similar name");
			assertThat(match.score()).isGreaterThan(0.9);
		});
	}

	@Test
	void shouldRecogniseAFamilyNameWrittenFirst() {
		Customer stored = customer("C4", "小明", "王", "1990-07-07", "wang@example.com", null);
		Customer reversed = customer("X4", "王", "小明", "1990-07-07", null, null);
		assertThat(this.matcher.match(reversed, List.of(stored)).match()).isPresent();
	}

	@Test
	void shouldMatchOnASharedEmailWhenTheNameIsAlikeAndNoBirthDateDisagrees() {
		Customer stored = customer("C9", "José", "García Núñez", "1979-09-09", "jose@example.com", null);
		Customer other = customer("X9", "Jose", "Garcia", null, "JOSE@example.com", null);
		assertThat(this.matcher.match(other, List.of(stored)).match())
			.hasValueSatisfying(match -> assertThat(match.rule()).isEqualTo("same email and similar name"));
	}

	@Test
	void shouldKeepApartTwoPeopleWhoShareAnEmail() {
		// given a couple sharing one mailbox
		Customer husband = customer("C1", "Oliver", "Bennett", "1979-04-12", "family@example.com", null);
		Customer wife = customer("X2", "Emma", "Bennett", "1981-10-02", "family@example.com", null);
		// when
		CustomerMatcher.MatchResult result = this.matcher.match(wife, List.of(husband));
		// then
		assertThat(result.match()).isEmpty();
		assertThat(result.conflicts()).singleElement()
			.asString()
			.startsWith("shares an email or phone with C1 but is another person")
			.contains("another date of birth");
	}

	@Test
	void shouldNotMatchDifferentPeopleBornTheSameDay() {
		Customer one = customer("C1", "Anna", "Kowalska", "1990-01-01", null, null);
		Customer other = customer("X1", "Piotr", "Nowak", "1990-01-01", null, null);
		CustomerMatcher.MatchResult result = this.matcher.match(other, List.of(one));
		assertThat(result.match()).isEmpty();
		assertThat(result.conflicts()).isEmpty();
	}

	private static Customer customer(String id, String first, String last, @Nullable String birthDate,
			@Nullable String email, @Nullable String phone) {
		return new Customer(id, null, first, last, "en", new PostalAddress("1 Street", null, "1000", "City", "PT"),
				email, phone, (birthDate != null) ? LocalDate.parse(birthDate) : null, BigDecimal.ZERO, "EUR", Set.of(),
				0, null, false, false, false, Map.of());
	}

}
