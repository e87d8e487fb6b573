package io.tidings.customer;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.csv.InvalidRecordException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CustomerRecordValidatorTests {

	private final CustomerRecordValidator validator = new CustomerRecordValidator(LocalDate.of(2026, 11, 23), true);

	@Test
	void shouldNormalisePhoneNumbersToE164InTheCustomersCountry() {
		ImportedCustomer imported = this.validator.validate(row(Map.of("phone", "912 345 678", "country", "PT")));
		assertThat(imported.customer().phone()).isEqualTo("+351912345678");
		assertThat(imported.warnings()).isEmpty();
	}

	@Test
	void shouldDropAnInvalidEmailWithAWarningAndKeepTheCustomer() {
		ImportedCustomer imported = this.validator.validate(row(Map.of("email", "maria.silva@")));
		assertThat(imported.customer().email()).isNull();
		assertThat(imported.warnings()).singleElement()
			.satisfies(warning -> assertThat(warning.field()).isEqualTo("email"));
	}

	@Test
	void shouldKeepAnIbanWhoseCheckDigitsHoldWithoutItsSpaces() {
		ImportedCustomer imported = this.validator.validate(row(Map.of("account", "gb82 west 1234 5698 7654 32")));
		assertThat(imported.customer().account()).isEqualTo("GB82WEST12345698765432");
		assertThat(imported.warnings()).isEmpty();
	}

	@Test
	void shouldDropAnIbanWithWrongCheckDigitsWithAWarningOnItsLine() {
		ImportedCustomer imported = this.validator.validate(row(Map.of("account", "GB83WEST12345698765432")));
		assertThat(imported.customer().account()).isNull();
		assertThat(imported.warnings()).singleElement().satisfies(warning -> {
			assertThat(warning.line()).isEqualTo(7);
			assertThat(warning.field()).isEqualTo("account");
			assertThat(warning.reason()).contains("IBAN").doesNotContain("GB83");
		});
	}

	@Test
	void shouldKeepADomesticAccountNumberAndDropAnythingElse() {
		assertThat(this.validator.validate(row(Map.of("account", "6222 0212 3456 7890"))).customer().account())
			.isEqualTo("6222 0212 3456 7890");
		for (String unusable : new String[] { "n/a", "1".repeat(35) }) {
			ImportedCustomer imported = this.validator.validate(row(Map.of("account", unusable)));
			assertThat(imported.customer().account()).as(unusable).isNull();
			assertThat(imported.warnings()).singleElement()
				.satisfies(warning -> assertThat(warning.field()).isEqualTo("account"));
		}
	}

	@Test
	void shouldRejectAnImpossibleDateWithLineAndField() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.validator.validate(row(Map.of("birth_date", "1985-13-45"))))
			.satisfies(ex -> {
				assertThat(ex.line()).isEqualTo(7);
				assertThat(ex.field()).isEqualTo("birth_date");
			});
	}

	@Test
	void shouldRejectUnknownCountriesAndNamelessRecords() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.validator.validate(row(Map.of("country", "XX"))))
			.withMessageContaining("ISO 3166");
		Map<String, String> nameless = new HashMap<>(base());
		nameless.remove("first_name");
		nameless.remove("last_name");
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.validator.validate(new CustomerRow(7, "raw", nameless, Map.of())))
			.withMessageContaining("no name");
	}

	@Test
	void shouldRejectTextThatWasDecodedWithLosses() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.validator.validate(row(Map.of("last_name", "Mart\uFFFDnez"))))
			.withMessageContaining("U+FFFD");
	}

	@Test
	void shouldRejectLineBreaksInNames() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.validator.validate(row(Map.of("first_name", "Ann\r\nBcc: x@example.com"))))
			.withMessageContaining("line break");
	}

	private static CustomerRow row(Map<String, String> overrides) {
		Map<String, String> fields = new HashMap<>(base());
		fields.putAll(overrides);
		return new CustomerRow(7, "raw", fields, Map.of());
	}

	private static Map<String, String> base() {
		return Map.of("customer_id", "C1", "first_name", "Ann", "last_name", "Lee", "country", "GB", "language", "en",
				"birth_date", "1980-01-01", "balance", "10.00");
	}

}
