package io.tidings.campaign;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.offer.OfferArbitration;
import io.tidings.offer.OfferDecision;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.DocumentKind;
import io.tidings.policy.ChannelChoice;
import io.tidings.policy.ChannelDecision;

/**
 * The decide stage for one customer: a statement (legally required, on paper) that
 * carries the chosen offer, and a cross-sell message on the channel the contact policy
 * picks. What cannot be sent is planned as suppressed with the reason, so every customer
 * of the audience ends with a communication or a recorded reason.
 */
class CommunicationPlanner {

	private final CampaignRunContext context;

	private final OfferArbitration arbitration;

	private final ChannelChoice channels;

	private final ResponseScores scores;

	CommunicationPlanner(CampaignRunContext context, ResponseScores scores) {
		this.context = context;
		this.arbitration = new OfferArbitration(context.offers());
		this.channels = new ChannelChoice();
		this.scores = scores;
	}

	List<CommunicationPlan> plan(Customer customer) {
		OfferDecision offer = this.arbitration.choose(customer, this.context.asOf(),
				this.scores.forCustomer(customer.id()));
		String offerCode = (offer instanceof OfferDecision.Chosen chosen) ? chosen.offer().code() : null;
		List<CommunicationPlan> plans = new ArrayList<>();
		plans.add(statement(customer, offerCode, offer.reason()));
		plans.add(crossSell(customer, offer));
		return plans;
	}

	private CommunicationPlan statement(Customer customer, @Nullable String offerCode, String offerReason) {
		CampaignDefinition.Templates templates = this.context.definition().templates();
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.STATEMENT, EnumSet.allOf(Channel.class));
		String reason = channel.reason() + "; offer on statement: " + offerReason;
		if (channel instanceof ChannelDecision.Use) {
			return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.STATEMENT, offerCode, templates.statement(), reason);
		}
		return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
				DocumentKind.STATEMENT, offerCode, templates.statement(), channel.reason());
	}

	private CommunicationPlan crossSell(Customer customer, OfferDecision offer) {
		CampaignDefinition.Templates templates = this.context.definition().templates();
		if (!(offer instanceof OfferDecision.Chosen chosen)) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), Channel.PRINT,
					DocumentKind.CROSS_SELL, null, templates.mailer(), offer.reason());
		}
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.CROSS_SELL, chosen.offer().channels());
		String template = switch (channel.channel()) {
			case EMAIL -> templates.email();
			case SMS -> templates.sms();
			case PRINT -> templates.mailer();
		};
		String reason = "offer " + chosen.reason() + "; channel " + channel.reason();
		if (channel instanceof ChannelDecision.Use) {
			return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.CROSS_SELL, chosen.offer().code(), template, reason);
		}
		return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
				DocumentKind.CROSS_SELL, chosen.offer().code(), template, reason);
	}

}
