package io.tidings.sms;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsKeywordsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "STOP|-|OPT_OUT", "stop|-|OPT_OUT", "  Stop. |-|OPT_OUT", "StopAll|-|OPT_OUT",
					"unsubscribe!|-|OPT_OUT", "Cancel|-|OPT_OUT", "end|-|OPT_OUT", "QUIT|-|OPT_OUT", "start|-|OPT_IN",
					"UNSTOP|-|OPT_IN", "please stop texting me|-|-", "stopping by tomorrow|-|-", "INFO|-|-",
					"arrêt|STOP|OPT_OUT", "go|START|OPT_IN", "help|HELP|-" })
	void shouldReadTheKeywordsCarriersHonour(String body, String optOutType, String expected) {
		assertThat(SmsKeywords.of(body, optOutType).map(Enum::name).orElse(null)).isEqualTo(expected);
	}

}
