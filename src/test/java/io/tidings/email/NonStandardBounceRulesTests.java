package io.tidings.email;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.csv.InvalidRecordException;
import io.tidings.outbox.DeliveryEvent;

import static io.tidings.email.DeliveryStatusNotifications.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Plain-text bounces as qmail, Exchange and Gmail write them (samples in {@code data/}),
 * read by the rule table: the failed recipient, its status and the returned message.
 */
class NonStandardBounceRulesTests {

	private static final String MESSAGE_ID = "<0f1d6c5e-2b1a-5c8e-9a41-3e0f2d7c9b10@mail.bank.example>";

	@Test
	void shouldReadAQmailBounceAsAHardBounceOfTheQuotedMessage() {
		DeliveryStatusNotification bounce = parse("qmail-failure.eml", "zoe@example.com");
		assertThat(bounce.original().messageId()).isEqualTo(MESSAGE_ID);
		assertThat(bounce.recipients()).singleElement().satisfies(recipient -> {
			assertThat(recipient.address()).isEqualTo("zoe@example.com");
			assertThat(recipient.kind()).isEqualTo(DeliveryEvent.Kind.HARD_BOUNCE);
			assertThat(recipient.status()).isEqualTo("5.1.1");
			assertThat(recipient.diagnostic())
				.isEqualTo("Remote host said: 550 5.1.1 <zoe@example.com>... User unknown");
		});
	}

	@Test
	void shouldReadAnExchangeNdrWithoutDeliveryStatusOnceForARecipientItNamesTwice() {
		DeliveryStatusNotification bounce = parse("exchange-ndr.eml", "zoe@example.com");
		assertThat(bounce.original().messageId()).isEqualTo(MESSAGE_ID);
		assertThat(bounce.recipients()).singleElement().satisfies(recipient -> {
			assertThat(recipient.address()).isEqualTo("zoe@example.com");
			assertThat(recipient.status()).isEqualTo("5.1.1");
			assertThat(recipient.diagnostic()).contains("RESOLVER.ADR.RecipNotFound");
		});
	}

	@Test
	void shouldReadAGmailFailureAsASoftBounceAndAGmailDelayAsAWarning() {
		DeliveryStatusNotification full = parse("gmail-failure.eml", "wang.xiaoming@example.com");
		assertThat(full.original().messageId()).isEqualTo(MESSAGE_ID);
		assertThat(full.recipients()).singleElement().satisfies(recipient -> {
			assertThat(recipient.address()).isEqualTo("wang.xiaoming@example.com");
			assertThat(recipient.kind()).isEqualTo(DeliveryEvent.Kind.SOFT_BOUNCE);
			assertThat(recipient.status()).isEqualTo("4.2.2");
		});
		DeliveryStatusNotification delay = parse("gmail-delay.eml", "wang.xiaoming@example.com");
		assertThat(delay.recipients()).singleElement()
			.satisfies(recipient -> assertThat(recipient.kind()).isEqualTo(DeliveryEvent.Kind.DELAYED));
	}

	@Test
	void shouldRefuseATextNoRuleRecognisesWithTheReason() {
		byte[] reply = sample("auto-reply.eml", Map.of()).getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> MailReport.parse(reply, 7))
			.withMessageContaining("Content-Type is text/plain, not multipart/report")
			.withMessageContaining("no rule for non-standard bounces (qmail, Exchange, Gmail) recognises its text");
	}

	@Test
	void shouldRefuseARecognisedBounceWhoseTextGivesNoStatus() {
		byte[] vague = sample("qmail-failure.eml", Map.of("MESSAGE_ID", MESSAGE_ID, "RECIPIENT", "zoe@example.com"))
			.replace("This is a permanent error; I've given up. Sorry it didn't work out.", "")
			.replace("Remote host said: 550 5.1.1 <zoe@example.com>... User unknown", "Remote host said: go away")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> MailReport.parse(vague, 7))
			.withMessageContaining("a qmail bounce whose text gives a failed recipient no status");
	}

	private static DeliveryStatusNotification parse(String sample, String recipient) {
		byte[] raw = sample(sample, Map.of("MESSAGE_ID", MESSAGE_ID, "RECIPIENT", recipient))
			.getBytes(StandardCharsets.UTF_8);
		return (DeliveryStatusNotification) MailReport.parse(raw, 1);
	}

}
