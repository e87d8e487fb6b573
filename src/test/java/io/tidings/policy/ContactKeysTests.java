package io.tidings.policy;

import org.junit.jupiter.api.Test;

import io.tidings.customer.PostalAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ContactKeysTests {

	@Test
	void shouldKeyAnAddressWhateverTheSpellingOfSharpSOrTheScript() {
		assertThat(ContactKeys.address("Invalidenstraße 1", "10115", "de"))
			.isEqualTo(ContactKeys.address("INVALIDENSTRASSE 1", "10 115", "DE"))
			.hasValue("invalidenstrasse1|10115|DE");
		assertThat(ContactKeys.address("Οδός Αθηνάς 2", "105 57", "GR"))
			.isEqualTo(ContactKeys.address("Odos Athenas 2", "10557", "GR"));
		assertThat(ContactKeys.address("Улица Ленина 5", "101000", "RU")).hasValue("ulicalenina5|101000|RU");
	}

	@Test
	void shouldAlsoLookUpTheKeyAnEntryWasRecordedUnderBefore() {
		// given entries recorded before names and addresses had one comparable form
		PostalAddress german = new PostalAddress("Invalidenstraße 1", null, "10115", "Berlin", "DE");
		PostalAddress portuguese = new PostalAddress("Rua Augústa, 1", null, "1100-048", "Lisboa", "PT");
		// then
		assertThat(ContactKeys.addressKeys(german)).containsExactly("invalidenstrasse1|10115|DE",
				"invalidenstraße1|10115|DE");
		assertThat(ContactKeys.addressKeys(portuguese)).containsExactly("ruaaugusta1|1100048|PT");
	}

	@Test
	void shouldKeepEmailAndPhoneForms() {
		assertThat(ContactKeys.email(" Zoë@Example.COM ")).isEqualTo("zoë@example.com");
		assertThat(ContactKeys.phone("07400 123456", "gb")).hasValue("+447400123456");
	}

}
