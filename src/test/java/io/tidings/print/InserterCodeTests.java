package io.tidings.print;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InserterCodeTests {

	@Test
	void shouldReadBackWhatItWrites() {
		// given
		InserterCode code = new InserterCode("7KQ2MX9A-00000042", 2, 3);
		// when
		String text = code.text();
		// then
		assertThat(text).matches("7KQ2MX9A-00000042 002/003 \\d\\d");
		assertThat(InserterCode.parse(text)).isEqualTo(code);
	}

	@Test
	void shouldRefuseACodeWithOneCharacterMisread() {
		String text = new InserterCode("7KQ2MX9A-00000042", 1, 3).text();
		for (int i = 0; i < text.length() - 3; i++) {
			char original = text.charAt(i);
			if (!Character.isDigit(original)) {
				continue;
			}
			String misread = text.substring(0, i) + (char) ('0' + (original - '0' + 1) % 10) + text.substring(i + 1);
			assertThatIllegalArgumentException().as(misread).isThrownBy(() -> InserterCode.parse(misread));
		}
	}

	@Test
	void shouldComputeTheIso7064CheckDigitsOfAnIban() {
		// GB82 WEST 1234 5698 7654 32: the check digits 82 cover the rest with GB00 moved
		// last
		assertThat(InserterCode.checkValue("WEST12345698765432GB")).isEqualTo(82);
	}

	@Test
	void shouldRefuseASheetOutsideItsEnvelope() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InserterCode("7KQ2MX9A-00000001", 4, 3));
	}

}
