package io.tidings.sms;

import java.util.List;
import java.util.Map;

/**
 * The built-in SMS words of the languages of the sample customers. English holds Twilio's
 * standard and advanced opt-out words, which are honoured whatever the customer's
 * language; each other language adds its own. Stop instructions stay in the GSM-7
 * alphabet where the language can do without letters outside it (Czech, Hungarian, Polish
 * and Romanian SMS are customarily written so), since one such letter makes the whole
 * message UCS-2 and up to three times as long in segments.
 */
final class SmsLanguages {

	static final String FALLBACK = "en";

	static final Map<String, SmsLanguage> DEFAULTS = Map.ofEntries(
			entry("en",
					List.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT OUT",
							"REVOKE"),
					List.of("START", "UNSTOP", "YES"), List.of("HELP", "INFO"), "Reply STOP to opt out", "Help"),
			entry("bg", List.of("СТОП", "ОТПИСВАНЕ"), List.of(), List.of("ПОМОЩ"), "STOP - отписване", "Помощ"),
			entry("cs", List.of("KONEC", "ODHLÁSIT"), List.of(), List.of("POMOC"), "Konec SMS: STOP", "Pomoc"),
			entry("da", List.of("AFMELD"), List.of(), List.of("HJÆLP"), "STOP for at afmelde", "Hjælp"),
			entry("de", List.of("STOPP", "ABMELDEN"), List.of(), List.of("HILFE"), "STOPP zum Abmelden", "Hilfe"),
			entry("el", List.of("ΔΙΑΚΟΠΗ", "ΣΤΟΠ"), List.of(), List.of("ΒΟΗΘΕΙΑ"), "STOP για διαγραφή", "Βοήθεια"),
			entry("es", List.of("BAJA", "CANCELAR"), List.of("ALTA"), List.of("AYUDA"), "BAJA para darte de baja",
					"Ayuda"),
			entry("fr", List.of("ARRÊT", "ARRETER"), List.of(), List.of("AIDE"), "ARRET pour ne plus recevoir",
					"Aide "),
			entry("hu", List.of("LEIRATKOZÁS"), List.of(), List.of("SEGÍTSÉG"), "Leiratkozni: STOP", "Segítség"),
			entry("it", List.of("CANCELLA", "DISISCRIVI"), List.of(), List.of("AIUTO"), "STOP per disiscriverti",
					"Assistenza"),
			entry("nl", List.of("AFMELDEN"), List.of(), List.of("HULP"), "STOP om af te melden", "Hulp"),
			entry("pl", List.of("REZYGNUJĘ"), List.of(), List.of("POMOC"), "Rezygnacja: odpisz STOP", "Pomoc"),
			entry("pt", List.of("PARAR", "SAIR", "CANCELAR"), List.of(), List.of("AJUDA"), "PARAR para cancelar",
					"Ajuda"),
			entry("ro", List.of("DEZABONARE"), List.of(), List.of("AJUTOR"), "Dezabonare: STOP", "Ajutor"),
			entry("ru", List.of("СТОП", "ОТПИСАТЬСЯ"), List.of(), List.of("ПОМОЩЬ"), "STOP - отписаться", "Помощь"),
			entry("sv", List.of("AVSLUTA"), List.of(), List.of("HJÄLP"), "STOP för att avsluta", "Hjälp"),
			entry("tr", List.of("RET", "İPTAL"), List.of(), List.of("YARDIM"), "İptal için RET yazın", "Yardım"),
			entry("uk", List.of("СТОП", "ВІДПИСАТИСЯ"), List.of(), List.of("ДОПОМОГА"), "STOP - відписатися",
					"Допомога"),
			entry("zh", List.of("退订", "TD"), List.of(), List.of("帮助"), "回复TD退订", "帮助"));

	private SmsLanguages() {
	}

	/**
	 * The help text is "{label}: {contact}. {stop}" in the language's own punctuation
	 * (French puts a space before the colon, so its label ends with one).
	 */
	private static Map.Entry<String, SmsLanguage> entry(String language, List<String> stop, List<String> start,
			List<String> help, String stopInstruction, String helpLabel) {
		String helpText = language.equals("zh") ? helpLabel + "：{contact}。{stop}" : helpLabel + ": {contact}. {stop}";
		return Map.entry(language, new SmsLanguage(stop, start, help, stopInstruction, helpText));
	}

}
