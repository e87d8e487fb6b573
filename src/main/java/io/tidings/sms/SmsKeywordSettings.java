package io.tidings.sms;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS keywords and the texts that go with them ({@code tidings.sms.keywords.*}), on top
 * of the built-in words of {@link SmsLanguages}.
 *
 * @param helpContact who to reach for help, put in place of {@code {contact}} in the help
 * texts (the bank's name and phone number)
 * @param languages words and texts per language ({@code fr}) or language and country
 * ({@code pt-br}), replacing the built-in ones field by field
 */
@ConfigurationProperties("tidings.sms.keywords")
record SmsKeywordSettings(@DefaultValue("Tidings Bank, +351 210 000 000") String helpContact,
		@DefaultValue Map<String, SmsLanguage> languages) {

}
