package io.tidings.policy;

import java.util.EnumSet;

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

}
