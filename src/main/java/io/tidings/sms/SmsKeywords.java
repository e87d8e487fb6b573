package io.tidings.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The keywords a customer replies with to stop or restart SMS, as carriers and Twilio
 * honour them: the whole reply, in any case, with surrounding spaces and punctuation
 * ignored ("Stop.", " stop "), not just a literal {@code STOP}. Twilio's
 * {@code OptOutType} field (Advanced Opt-Out), when present, decides.
 */
final class SmsKeywords {

	static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT",
			"REVOKE", "STOP ALL", "OPT OUT");

	static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");

	enum Keyword {

		OPT_OUT, OPT_IN

	}

	private SmsKeywords() {
	}

	/**
	 * What a reply asks for, if it is a keyword.
	 * @param body the reply
	 * @param optOutType Twilio's {@code OptOutType} (STOP, START, HELP), if sent
	 */
	static Optional<Keyword> of(@Nullable String body, @Nullable String optOutType) {
		if (optOutType != null && !optOutType.isBlank()) {
			return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
				case "STOP" -> Optional.of(Keyword.OPT_OUT);
				case "START" -> Optional.of(Keyword.OPT_IN);
				default -> Optional.empty();
			};
		}
		if (body == null) {
			return Optional.empty();
		}
		String word = normalise(body);
		if (OPT_OUT.contains(word)) {
			return Optional.of(Keyword.OPT_OUT);
		}
		return OPT_IN.contains(word) ? Optional.of(Keyword.OPT_IN) : Optional.empty();
	}

	/** The reply in upper case without surrounding spaces and punctuation. */
	static String normalise(String body) {
		return body.strip()
			.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "")
			.replaceAll("\\s+", " ")
			.toUpperCase(Locale.ROOT);
	}

}
