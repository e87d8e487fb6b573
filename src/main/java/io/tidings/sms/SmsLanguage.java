package io.tidings.sms;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS words of one language ({@code tidings.sms.keywords.languages.<language>.*}, or
 * {@code <language>-<country>} for one country): what a reply may say, and what Tidings
 * writes. A configured entry replaces the built-in one field by field.
 *
 * @param stopWords replies that withdraw SMS consent
 * @param startWords replies that give it back
 * @param helpWords replies that ask for help
 * @param stopInstruction the line every marketing SMS ends with
 * @param helpText the answer to a help request; {@code {contact}} stands for
 * {@code tidings.sms.keywords.help-contact}
 */
record SmsLanguage(@DefaultValue List<String> stopWords, @DefaultValue List<String> startWords,
		@DefaultValue List<String> helpWords, @Nullable String stopInstruction, @Nullable String helpText) {

	/** This entry, with what it leaves out taken from another. */
	SmsLanguage over(SmsLanguage defaults) {
		return new SmsLanguage(this.stopWords.isEmpty() ? defaults.stopWords : this.stopWords,
				this.startWords.isEmpty() ? defaults.startWords : this.startWords,
				this.helpWords.isEmpty() ? defaults.helpWords : this.helpWords,
				(this.stopInstruction != null) ? this.stopInstruction : defaults.stopInstruction,
				(this.helpText != null) ? this.helpText : defaults.helpText);
	}

}
