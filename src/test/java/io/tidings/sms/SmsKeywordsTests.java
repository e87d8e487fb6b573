package io.tidings.sms;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsKeywordsTests {

	private final SmsKeywords keywords = new SmsKeywords(new SmsKeywordSettings("Tidings Bank, +351 210 000 000",
			Map.of("fr", new SmsLanguage(List.of(), List.of("REPRENDRE"), List.of(), null, null), "pt-br",
					new SmsLanguage(List.of(), List.of(), List.of(), "Responda SAIR para sair", null))));

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "STOP|-|OPT_OUT", "stop|-|OPT_OUT", "  Stop. |-|OPT_OUT", "StopAll|-|OPT_OUT",
					"unsubscribe!|-|OPT_OUT", "Cancel|-|OPT_OUT", "end|-|OPT_OUT", "QUIT|-|OPT_OUT", "start|-|OPT_IN",
					"UNSTOP|-|OPT_IN", "Yes|-|OPT_IN", "please stop texting me|-|-", "stopping by tomorrow|-|-",
					"INFO|-|HELP", "help?|-|HELP", "arrêt|STOP|OPT_OUT", "go|START|OPT_IN", "help|HELP|HELP",
					"Arrêt|-|OPT_OUT", "arret !|-|OPT_OUT", "Baja|-|OPT_OUT", "parar|-|OPT_OUT", "Sair|-|OPT_OUT",
					"abmelden|-|OPT_OUT", "Stopp|-|OPT_OUT", "διακοπή|-|OPT_OUT", "Διακοπη.|-|OPT_OUT", "退订|-|OPT_OUT",
					"  退订。|-|OPT_OUT", "aide|-|HELP", "Ayuda|-|HELP", "βοήθεια|-|HELP", "帮助|-|HELP",
					"reprendre|-|OPT_IN", "İptal|-|OPT_OUT", "arrêt de bus|-|-" })
	void shouldReadTheKeywordsCarriersHonourInEveryLanguageAtOnce(String body, String optOutType, String expected) {
		assertThat(this.keywords.read(body, optOutType).map(match -> match.keyword().name()).orElse(null))
			.isEqualTo(expected);
	}

	@Test
	void shouldTellTheLanguageOfAWordForAnAnswerToSomeoneWhoIsNoCustomer() {
		assertThat(this.keywords.read("Aide", null)).hasValueSatisfying(match -> {
			assertThat(match.word()).isEqualTo("AIDE");
			assertThat(match.language()).isEqualTo("fr");
		});
		assertThat(this.keywords.read("info", null).orElseThrow().language()).isEqualTo("en");
	}

	@Test
	void shouldGiveTheStopInstructionAndHelpTextOfTheLanguageOrCountryConfigured() {
		assertThat(this.keywords.stopInstruction(Locale.forLanguageTag("fr-FR")))
			.isEqualTo("ARRET pour ne plus recevoir");
		assertThat(this.keywords.stopInstruction(Locale.forLanguageTag("pt-PT"))).isEqualTo("PARAR para cancelar");
		assertThat(this.keywords.stopInstruction(Locale.forLanguageTag("pt-BR"))).isEqualTo("Responda SAIR para sair");
		assertThat(this.keywords.stopInstruction(Locale.forLanguageTag("ja-JP"))).isEqualTo("Reply STOP to opt out");
		assertThat(this.keywords.helpText("fr", "FR"))
			.isEqualTo("Aide : Tidings Bank, +351 210 000 000. ARRET pour ne plus recevoir");
		assertThat(this.keywords.helpText("zh", "CN")).isEqualTo("帮助：Tidings Bank, +351 210 000 000。回复TD退订");
	}

}
