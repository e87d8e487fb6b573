package io.tidings.render;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NeutralColoursTests {

	@Test
	void shouldWriteNeutralColoursAsGreyLevelsAndLeaveTheRestByteForByte() {
		String content = "q 0.10196 0.10196 0.10196 rg\nBT /F1 9 Tf <00410042> Tj (1 1 1 rg \\) 2 2 2 RG) Tj ET\n"
				+ "0.5 .5 0.50 RG [(a) -20 (b)] TJ 0.04314 0.3098 0.42353 rg 1 0 0 1 72 720 cm 0 0 0 rg";
		assertThat(rewritten(content))
			.isEqualTo("q 0.10196 g\nBT /F1 9 Tf <00410042> Tj (1 1 1 rg \\) 2 2 2 RG) Tj ET\n"
					+ "0.5 G [(a) -20 (b)] TJ 0.04314 0.3098 0.42353 rg 1 0 0 1 72 720 cm 0 g");
	}

	@Test
	void shouldHandBackTheSameContentWhenNoColourIsNeutral() {
		byte[] content = "0.1 0.2 0.3 rg /F1 9 Tf (grey 1 1 1 rg) Tj <</MCID 3>> BDC EMC"
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(NeutralColours.rewritten(content)).isSameAs(content);
	}

	@Test
	void shouldLeaveContentWithAnInlineImageToTheParser() {
		byte[] content = "0 0 0 rg BI /W 1 /H 1 /CS /G /BPC 8 ID \u0001 EI".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(NeutralColours.rewritten(content)).isNull();
	}

	private static String rewritten(String content) {
		byte[] rewritten = NeutralColours.rewritten(content.getBytes(StandardCharsets.US_ASCII));
		assertThat(rewritten).isNotNull();
		return new String(rewritten, StandardCharsets.US_ASCII);
	}

}
