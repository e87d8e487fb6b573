package io.tidings.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsEncodingTests {

	@Test
	void shouldFitOneHundredSixtyGsmCharactersInOneSegment() {
		SmsEncoding encoding = SmsEncoding.of("a".repeat(160));
		assertThat(encoding).isEqualTo(new SmsEncoding("GSM-7", 160, 1));
	}

	@Test
	void shouldSplitLongGsmMessagesInSegmentsOf153() {
		assertThat(SmsEncoding.of("a".repeat(161)).segments()).isEqualTo(2);
		assertThat(SmsEncoding.of("a".repeat(306)).segments()).isEqualTo(2);
		assertThat(SmsEncoding.of("a".repeat(307)).segments()).isEqualTo(3);
	}

	@Test
	void shouldCountExtensionCharactersTwice() {
		SmsEncoding encoding = SmsEncoding.of("€".repeat(80));
		assertThat(encoding.encoding()).isEqualTo("GSM-7");
		assertThat(encoding.units()).isEqualTo(160);
		assertThat(encoding.segments()).isEqualTo(1);
		assertThat(SmsEncoding.of("€".repeat(81)).segments()).isEqualTo(2);
	}

	@Test
	void shouldSwitchTheWholeMessageToUcs2ForOneCharacterOutsideGsm() {
		// given a GSM text with one Polish letter
		String text = "a".repeat(69) + "ł";
		// when
		SmsEncoding encoding = SmsEncoding.of(text);
		// then
		assertThat(encoding).isEqualTo(new SmsEncoding("UCS-2", 70, 1));
		assertThat(SmsEncoding.of(text + "b").segments()).isEqualTo(2);
		assertThat(SmsEncoding.of("界".repeat(135)).segments()).isEqualTo(3);
	}

	@Test
	void shouldKeepGsmAccentsInGsm() {
		assertThat(SmsEncoding.of("Åsa Ñandù, Øyvind Müller è à é").encoding()).isEqualTo("GSM-7");
	}

}
