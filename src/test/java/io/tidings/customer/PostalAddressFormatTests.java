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
		// without a state, the line ends with the ZIP code
		assertThat(this.fromPortugal.lines("Mr John Smith",
				new PostalAddress("1600 Amphitheatre Parkway", null, "94043", "Mountain View", "US")))
			.containsExactly("Mr John Smith", "1600 Amphitheatre Parkway", "MOUNTAIN VIEW 94043", "UNITED STATES");
	}

	@Test
	void shouldWriteTheUsCityStateAndZipCodeOnOneLineInCapitalsWithoutPunctuation() {
		assertThat(this.fromPortugal.lines("Ms Jane Doe",
				new PostalAddress("100 Main Street", "Apt 4", "62704", "Springfield", "il", "US")))
			.containsExactly("Ms Jane Doe", "100 Main Street", "Apt 4", "SPRINGFIELD IL 62704", "UNITED STATES");
	}

	@Test
	void shouldWriteTheRegionWhereThePostOfficesOfCanadaAustraliaItalySpainAndBrazilWantIt() {
		assertThat(this.fromPortugal.lines("Mr Liam Tremblay",
				new PostalAddress("100 Queen St W", null, "M5H 2N2", "Toronto", "ON", "CA")))
			.containsExactly("MR LIAM TREMBLAY", "100 QUEEN ST W", "TORONTO ON M5H 2N2", "CANADA");
		assertThat(this.fromPortugal.lines("Ms Olivia Smith",
				new PostalAddress("1 Macquarie Street", null, "2000", "Sydney", "NSW", "AU")))
			.containsExactly("Ms Olivia Smith", "1 Macquarie Street", "SYDNEY NSW 2000", "AUSTRALIA");
		assertThat(this.fromPortugal.lines("Sig.ra Chiara Colombo",
				new PostalAddress("Via del Corso 210", null, "00186", "Roma", "RM", "IT")))
			.containsExactly("Sig.ra Chiara Colombo", "Via del Corso 210", "00186 ROMA RM", "ITALY");
		assertThat(this.fromPortugal.lines("Sr. Ramón Martínez",
				new PostalAddress("Gran Vía 106", "4º izq.", "48009", "Bilbao", "Bizkaia", "ES")))
			.containsExactly("Sr. Ramón Martínez", "Gran Vía 106", "4º izq.", "48009 BILBAO BIZKAIA", "SPAIN");
		assertThat(this.fromPortugal.lines("Sra. Ana Souza",
				new PostalAddress("Avenida Paulista 1578", null, "01310-200", "São Paulo", "SP", "BR")))
			.containsExactly("Sra. Ana Souza", "Avenida Paulista 1578", "SÃO PAULO-SP", "01310-200", "BRAZIL");
	}

	@Test
	void shouldWriteARegionThatIsItsOwnCityOnce() {
		assertThat(this.fromPortugal.lines("Sra. Sofía Ibáñez",
				new PostalAddress("Calle Mayor 111", null, "28013", "Madrid", "Madrid", "ES")))
			.containsExactly("Sra. Sofía Ibáñez", "Calle Mayor 111", "28013 MADRID", "SPAIN");
		assertThat(
				this.fromPortugal.lines("王小明", new PostalAddress("浦东新区世纪大道180号", null, "200120", "上海市", "上海市", "CN")))
			.containsExactly("200120", "上海市", "浦东新区世纪大道180号", "王小明", "CHINA");
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
	void shouldWriteTheChineseProvinceBeforeTheCityOnOneLine() {
		assertThat(this.fromPortugal.lines("赵秀英", new PostalAddress("天河区天河路227号", null, "510620", "广州市", "广东省", "CN")))
			.containsExactly("510620", "广东省广州市", "天河区天河路227号", "赵秀英", "CHINA");
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
	void shouldWriteTheJapanesePrefectureThenTheCityAboveTheStreet() {
		PostalAddress tokyo = new PostalAddress("千代田1-1", null, "100-0001", "千代田区", "東京都", "JP");
		assertThat(this.fromPortugal.lines("山田太郎", tokyo)).containsExactly("〒100-0001", "東京都", "千代田区", "千代田1-1", "山田太郎",
				"JAPAN");
	}

	@Test
	void shouldWriteAJapaneseAddressInLatinLettersWithThePrefectureInCapitalsAfterTheCity() {
		PostalAddress tokyo = new PostalAddress("1-1 Chiyoda", null, "100-0001", "Chiyoda-ku", "Tokyo", "JP");
		assertThat(this.fromPortugal.lines("Yamada Taro", tokyo)).containsExactly("Yamada Taro", "1-1 Chiyoda",
				"Chiyoda-ku, TOKYO", "100-0001", "JAPAN");
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
