package io.tidings.policy;

import io.tidings.customer.ValueTier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tidings.customer.CustomerFixture;
import io.tidings.outbox.Channel;
import io.tidings.outbox.DocumentKind;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelChoiceTests {

	private final ChannelChoice choice = new ChannelChoice();

	@Test
	void shouldSendLegallyRequiredStatementsOnPaperEvenWithEmailConsent() {
		ChannelDecision decision = this.choice.choose(CustomerFixture.aCustomer(), DocumentKind.STATEMENT,
				EnumSet.allOf(Channel.class));
		assertThat(decision).isEqualTo(new ChannelDecision.Use(Channel.PRINT,
				"print: legally required document goes on paper; customer has a postal address"));
	}

	@Test
	void shouldPreferEmailThenSmsThenPrintForMarketing() {
		assertThat(
				this.choice.choose(CustomerFixture.aCustomer(), DocumentKind.CROSS_SELL, EnumSet.allOf(Channel.class))
					.channel())
			.isEqualTo(Channel.EMAIL);
		assertThat(this.choice
			.choose(CustomerFixture.aCustomerWithoutEmail(), DocumentKind.CROSS_SELL, EnumSet.allOf(Channel.class))
			.channel()).isEqualTo(Channel.SMS);
		ChannelDecision printed = this.choice.choose(CustomerFixture.aCustomerWithoutConsents(),
				DocumentKind.CROSS_SELL, EnumSet.allOf(Channel.class));
		assertThat(printed).isInstanceOf(ChannelDecision.Use.class);
		assertThat(printed.channel()).isEqualTo(Channel.PRINT);
		assertThat(printed.reason()).contains("no consent to marketing email", "no consent to marketing SMS");
	}

	@Test
	void shouldSkipChannelsTheOfferDoesNotAllow() {
		ChannelDecision decision = this.choice.choose(CustomerFixture.aCustomerWithoutEmail(), DocumentKind.CROSS_SELL,
				EnumSet.of(Channel.EMAIL, Channel.PRINT));
		assertThat(decision.channel()).isEqualTo(Channel.PRINT);
		assertThat(decision.reason()).contains("sms: not allowed for this offer");
	}

	@Test
	void shouldRecordWhyACustomerCannotBeReached() {
		ChannelDecision decision = this.choice.choose(CustomerFixture.aCustomerWithoutAddress(),
				DocumentKind.CROSS_SELL, EnumSet.allOf(Channel.class));
		assertThat(decision).isInstanceOf(ChannelDecision.Unreachable.class);
		assertThat(decision.reason()).isEqualTo("unreachable: email: no consent to marketing email; "
				+ "sms: no consent to marketing SMS; print: no complete postal address");
	}

	@Test
	void shouldTryTheChannelsOfTheCustomersValueTierInTheirOrder() {
		// given core customers get a printed mailer first, then email
		ChannelChoice byTier = new ChannelChoice(
				new ContactPolicy.Channels(Map.of(Channel.EMAIL, 0.01, Channel.SMS, 0.05, Channel.PRINT, 0.9),
						Map.of("core", List.of(Channel.PRINT, Channel.EMAIL))));
		ContactPermissions permissions = ContactPermissions.fromCustomerFile(CustomerFixture.aCustomer());
		// when
		ChannelDecision core = byTier.choose(CustomerFixture.aCustomer(), DocumentKind.CROSS_SELL,
				EnumSet.allOf(Channel.class), "core", permissions);
		ChannelDecision general = byTier.choose(CustomerFixture.aCustomer(), DocumentKind.CROSS_SELL,
				EnumSet.allOf(Channel.class), ValueTier.GENERAL.label(), permissions);
		// then
		assertThat(core.channel()).isEqualTo(Channel.PRINT);
		assertThat(general.channel()).isEqualTo(Channel.EMAIL);
	}

	@Test
	void shouldTryTheCheapestChannelFirstWhenTheTierHasNoOrder() {
		ChannelChoice cheapSms = new ChannelChoice(new ContactPolicy.Channels(
				Map.of(Channel.EMAIL, 0.10, Channel.SMS, 0.02, Channel.PRINT, 0.9), Map.of()));
		assertThat(cheapSms.choose(CustomerFixture.aCustomer(), DocumentKind.CROSS_SELL, EnumSet.allOf(Channel.class))
			.channel()).isEqualTo(Channel.SMS);
	}

	@Test
	void shouldRecordAnOptOutAsTheReasonWhenTheCustomerRefusedEveryChannel() {
		ContactPermissions refused = new ContactPermissions(Map.of(Channel.EMAIL,
				new ContactPermissions.Refusal(ContactPermissions.Refusal.OPTED_OUT, "opted out of all on 2026-10-01"),
				Channel.SMS,
				new ContactPermissions.Refusal(ContactPermissions.Refusal.OPTED_OUT, "opted out of all on 2026-10-01"),
				Channel.PRINT,
				new ContactPermissions.Refusal(ContactPermissions.Refusal.OPTED_OUT, "opted out of all on 2026-10-01")),
				Map.of(), false);
		ChannelDecision decision = this.choice.choose(CustomerFixture.aCustomer(), DocumentKind.CROSS_SELL,
				EnumSet.allOf(Channel.class), ValueTier.GENERAL.label(), refused);
		assertThat(decision).isInstanceOf(ChannelDecision.Unreachable.class);
		assertThat(((ChannelDecision.Unreachable) decision).code()).isEqualTo("opted-out");
		assertThat(this.choice
			.choose(CustomerFixture.aCustomer(), DocumentKind.STATEMENT, EnumSet.allOf(Channel.class),
					ValueTier.GENERAL.label(), refused)
			.channel()).as("a statement is legally required").isEqualTo(Channel.PRINT);
	}

}
