package io.tidings.print;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.customer.PostalAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PrintSettingsTests {

	private static final PostalAddress LISBON = new PostalAddress("Rua Augusta 1", null, "1100-048", "Lisboa", "PT");

	@Test
	void shouldLeaveTheCountryOffAddressesInTheSenderCountry() {
		assertThat(withSenderCountry("pt").addressFormat().lines("Ana Silva", LISBON)).containsExactly("Ana Silva",
				"Rua Augusta 1", "1100-048 Lisboa");
		assertThat(PrintSettings.defaults().addressFormat().lines("Ana Silva", LISBON)).last().isEqualTo("PORTUGAL");
	}

	private static PrintSettings withSenderCountry(String country) {
		PrintSettings defaults = PrintSettings.defaults();
		return new PrintSettings(defaults.streamSheets(), defaults.maxSheetsPerEnvelope(), defaults.paper(),
				defaults.marks(), defaults.clearZone(), defaults.addressWindow(), defaults.windowCode(),
				List.of("first", "second"), Map.of(), country, defaults.streamThreads());
	}

}
