package io.tidings.print;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintItemsTests {

	@Test
	void shouldFindOneHouseholdWhateverTheCaseAccentsAndPunctuation() {
		String ana = PrintItems.household("PT", "1100-048", "Rua Augusta 1", null, "Lisboa", "Silva");
		String rui = PrintItems.household("PT", "1100 048", "RUA AUGUSTA, 1", "", "lisboa", "SILVA");
		String joao = PrintItems.household("PT", "1100-048", "Rua Augústa 1", null, "Lisbôa", "Sílva");
		assertThat(ana).isEqualTo(rui).isEqualTo(joao).matches("[0-9A-F]{16}");
	}

	@Test
	void shouldFindOneHouseholdWhateverTheSpellingOfSharpSOrTheScript() {
		assertThat(PrintItems.household("DE", "10115", "Invalidenstraße 1", null, "Berlin", "Weiß"))
			.isEqualTo(PrintItems.household("DE", "10115", "INVALIDENSTRASSE 1", null, "BERLIN", "WEISS"));
		assertThat(PrintItems.household("GR", "105 57", "Οδός Αθηνάς 2", null, "Αθήνα", "Παπαδόπουλος"))
			.isEqualTo(PrintItems.household("GR", "10557", "ODOS ATHENAS 2", null, "Athena", "Papadopoulos"));
		assertThat(PrintItems.household("CN", "100000", "长安街 1", null, "北京", "王"))
			.isNotEqualTo(PrintItems.household("CN", "100000", "长安街 1", null, "北京", "李"));
	}

	@Test
	void shouldTellApartAnotherFamilyOrAnotherFlatAtTheSameAddress() {
		String silva = PrintItems.household("PT", "1100-048", "Rua Augusta 1", null, "Lisboa", "Silva");
		assertThat(PrintItems.household("PT", "1100-048", "Rua Augusta 1", null, "Lisboa", "Costa"))
			.isNotEqualTo(silva);
		assertThat(PrintItems.household("PT", "1100-048", "Rua Augusta 1", "2º Esq.", "Lisboa", "Silva"))
			.isNotEqualTo(silva);
	}

	@Test
	void shouldSortByCountryThenPostcodeWithOnlyDigitsAndCapitals() {
		String lisbon = key("PT", "1100-048");
		String porto = key("PT", "4000-322");
		String london = key("GB", "SW1A 1AA");
		String athens = key("GR", "105 63");
		assertThat(lisbon).matches("[0-9A-Z]+");
		assertThat(java.util.List.of(london, athens, lisbon, porto)).isSorted();
	}

	private static String key(String country, String postcode) {
		String household = PrintItems.household(country, postcode, "x", null, "y", "z");
		return PrintItems.sortKey(country, postcode, household, 0, household, "C1", 0,
				"5f0c8a3e-2d4b-4f7e-9a51-6b1d2c3e4f50", 0);
	}

}
