package io.tidings.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentMetadataTests {

	@Test
	void shouldEscapeMarkupAndLeaveOutWhatXmlCannotHold() {
		StringBuilder xml = new StringBuilder();

		DocumentMetadata.escape(xml, "A & \"B\" <C>\r\n\u0007\uFFFE\uFFFF\uD800x\t\uD83D\uDE00 Łódź");

		assertThat(xml).hasToString("A &amp; &quot;B&quot; &lt;C&gt;&#xD;\nx\t\uD83D\uDE00 Łódź");
	}

}
