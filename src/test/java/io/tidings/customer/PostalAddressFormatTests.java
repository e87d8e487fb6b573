package io.tidings.customer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostalAddressFormatTests {

	private final PostalAddressFormat fromPortugal = new PostalAddressFormat("PT");

	@Test
	void shouldPutTheGbPostTownThenThePostcodeOnLinesOfTheirOwnInCapitals() {
		assertThat(this.fromPortugal.lines("Mr Oliver Bennett",
				new PostalAddress("165 Colmore Row", null, "b3 2bj", "Birmingham", "GB")))
			.containsExactly("Mr Oliver Bennett", "165 Colmore Row", "BIRMINGHAM", "B3 2BJ", "UNITED KINGDOM");
	}

	@Test
	void shouldPutTheEircodeOnALineOfItsOwn() {
		assertThat(this.fromPortugal.lines("Ms Aoife Byrne",
				new PostalAddress("12 Main Street", "Newtownpark", "A94 T2P4", "Blackrock", "IE")))
			.containsExactly("Ms Aoife Byrne", "12 Main Street", "Newtownpark", "Blackrock", "A94 T2P4", "IRELAND");
	}

	@Test
	void shouldWriteTheUsCityInCapitalsBeforeTheZipCode() {
		// customer records have no state: the comma that would go before it goes too
		assertThat(this.fromPortugal.lines("Mr John Smith",
				new PostalAddress("1600 Amphitheatre Parkway", null, "94043", "Mountain View", "US")))
			.containsExactly("Mr John Smith", "1600 Amphitheatre Parkway", "MOUNTAIN VIEW 94043", "UNITED STATES");
	}

	@Test
	void shouldPutThePostcodeBeforeTheCityInGermanyPolandAndGreece() {
		assertThat(this.fromPortugal.lines("Herr Hans Müller",
				new PostalAddress("Prager Straße 159", null, "01069", "Dresden", "DE")))
			.containsExactly("Herr Hans Müller", "Prager Straße 159", "01069 Dresden", "GERMANY");
		assertThat(this.fromPortugal.lines("Pani Anna Nowak",
				new PostalAddress("ul. Nowy Świat 147", "m. 4", "00-029", "Warszawa", "PL")))
			.containsExactly("Pani Anna Nowak", "ul. Nowy Świat 147", "m. 4", "00-029 Warszawa", "POLAND");
		assertThat(this.fromPortugal.lines("Κα Ελένη Παπαδοπούλου",
				new PostalAddress("Λεωφόρος Κηφισίας 38", null, "151 25", "Μαρούσι", "GR")))
			.containsExactly("Κα Ελένη Παπαδοπούλου", "Λεωφόρος Κηφισίας 38", "151 25 Μαρούσι", "GREECE");
	}

	@Test
	void shouldWriteTheFrenchCityInCapitals() {
		assertThat(this.fromPortugal.lines("Mme Claire Dubois",
				new PostalAddress("20 avenue des Champs-Élysées", null, "75008", "Paris", "FR")))
			.containsExactly("Mme Claire Dubois", "20 avenue des Champs-Élysées", "75008 PARIS", "FRANCE");
	}

	@Test
	void shouldLeaveTheCountryOffALetterThatStaysInTheCountryItIsPostedIn() {
		PostalAddress lisbon = new PostalAddress("Avenida da Liberdade 201", null, "1250-143", "Lisboa", "PT");
		assertThat(this.fromPortugal.lines("Sr. João Magalhães", lisbon)).containsExactly("Sr. João Magalhães",
				"Avenida da Liberdade 201", "1250-143 Lisboa");
		assertThat(new PostalAddressFormat("GB").lines("Sr. João Magalhães", lisbon))
			.containsExactly("Sr. João Magalhães", "Avenida da Liberdade 201", "1250-143 Lisboa", "PORTUGAL");
		assertThat(new PostalAddressFormat(null).lines("Sr. João Magalhães", lisbon)).last().isEqualTo("PORTUGAL");
	}

	@Test
	void shouldWriteAChineseAddressFromThePostcodeDownToTheName() {
		assertThat(this.fromPortugal.lines("张伟", new PostalAddress("浦东新区世纪大道180号", null, "200120", "上海市", "CN")))
			.containsExactly("200120", "上海市", "浦东新区世纪大道180号", "张伟", "CHINA");
	}

	@Test
	void shouldWriteAChineseAddressInLatinLettersFromTheNameDown() {
		assertThat(this.fromPortugal.lines("Zhang Wei",
				new PostalAddress("180 Century Avenue", "Pudong New Area", "200120", "Shanghai", "CN")))
			.containsExactly("Zhang Wei", "180 Century Avenue", "Pudong New Area", "Shanghai", "200120", "CHINA");
	}

	@Test
	void shouldWriteAJapaneseAddressWithThePostalMarkAndTheCityAsPrefecture() {
		PostalAddress tokyo = new PostalAddress("千代田区千代田1-1", null, "100-0001", "東京都", "JP");
		assertThat(this.fromPortugal.lines("山田太郎", tokyo)).containsExactly("〒100-0001", "東京都", "千代田区千代田1-1", "山田太郎",
				"JAPAN");
		assertThat(new PostalAddressFormat("jp").lines("山田太郎", tokyo)).containsExactly("〒100-0001", "東京都", "千代田区千代田1-1",
				"山田太郎");
	}

	@Test
	void shouldLeaveTheLiteralsOfABlankFieldOut() {
		assertThat(this.fromPortugal.lines("Yamada Taro", List.of("1-1 Chiyoda", "Chiyoda-ku"), "100-0001", " ", "JP"))
			.containsExactly("Yamada Taro", "1-1 Chiyoda", "Chiyoda-ku", "100-0001", "JAPAN");
		assertThat(this.fromPortugal.lines("Yamada Taro", List.of(), null, null, "JP")).containsExactly("Yamada Taro",
				"JAPAN");
	}

	@Test
	void shouldUseTheDefaultFormatForACountryWithoutOne() {
		assertThat(this.fromPortugal.lines("Ana Silva", new PostalAddress("Rua 1", null, null, "Luanda", "AO")))
			.containsExactly("Ana Silva", "Rua 1", "LUANDA", "ANGOLA");
		assertThat(this.fromPortugal.lines("Ana Silva", new PostalAddress("Rua 1", null, "1000", "Nowhere", "XX")))
			.containsExactly("Ana Silva", "Rua 1", "NOWHERE", "XX");
	}

}
