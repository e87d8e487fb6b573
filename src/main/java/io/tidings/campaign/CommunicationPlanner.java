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
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.ContactPermissions;
import io.tidings.policy.ValueTiers;

/**
 * The decide stage for one customer: a statement (legally required, on paper) that
 * carries the chosen offer, and a cross-sell message on the channel the contact policy
 * picks for the customer's value tier, consents and reachability. What cannot be sent is
 * planned as suppressed with the reason, so every customer of the audience ends with a
 * communication or a recorded reason. When each planned communication drops is decided
 * afterwards, for the whole run at once ({@link CommunicationScheduleProcessor}).
 */
class CommunicationPlanner {

	/** Reason code of a customer no offer fits. */
	static final String NO_ELIGIBLE_OFFER = "no-eligible-offer";

	private final CampaignRunContext context;

	private final OfferArbitration arbitration;

	private final ChannelChoice channels;

	private final ResponseScores scores;

	private final ConsentRegistry consents;

	private final ValueTiers tiers;

	CommunicationPlanner(CampaignRunContext context, ResponseScores scores, ConsentRegistry consents,
			@Nullable ValueTiers tiers) {
		this.context = context;
		this.arbitration = new OfferArbitration(context.offers());
		this.channels = new ChannelChoice(context.definition().policy().channels());
		this.scores = scores;
		this.consents = consents;
		this.tiers = (tiers != null) ? tiers
				: ValueTiers.fromAttribute(context.definition().policy().channels().tierAttribute());
	}

	List<CommunicationPlan> plan(Customer customer) {
		OfferDecision offer = this.arbitration.choose(customer, this.context.asOf(),
				this.scores.forCustomer(customer.id()));
		String offerCode = (offer instanceof OfferDecision.Chosen chosen) ? chosen.offer().code() : null;
		double expectedValue = (offer instanceof OfferDecision.Chosen chosen) ? chosen.score() * chosen.offer().margin()
				: 0;
		ContactPermissions permissions = this.consents.permissions(customer);
		String tier = this.tiers.tierOf(customer);
		List<CommunicationPlan> plans = new ArrayList<>();
		plans.add(statement(customer, offerCode, offer.reason(), permissions).forTier(tier, expectedValue));
		plans.add(crossSell(customer, offer, permissions, tier).forTier(tier, expectedValue));
		return plans;
	}

	private CommunicationPlan statement(Customer customer, @Nullable String offerCode, String offerReason,
			ContactPermissions permissions) {
		CampaignDefinition.Templates templates = this.context.definition().templates();
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.STATEMENT, EnumSet.allOf(Channel.class),
				ValueTiers.GENERAL, permissions);
		String reason = channel.reason() + "; offer on statement: " + offerReason;
		if (channel instanceof ChannelDecision.Unreachable unreachable) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.STATEMENT, offerCode, templates.statement(), unreachable.code(), channel.reason());
		}
		return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(), DocumentKind.STATEMENT,
				offerCode, templates.statement(), reason);
	}

	private CommunicationPlan crossSell(Customer customer, OfferDecision offer, ContactPermissions permissions,
			String tier) {
		CampaignDefinition.Templates templates = this.context.definition().templates();
		if (!(offer instanceof OfferDecision.Chosen chosen)) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), Channel.PRINT,
					DocumentKind.CROSS_SELL, null, templates.mailer(), NO_ELIGIBLE_OFFER, offer.reason());
		}
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.CROSS_SELL, chosen.offer().channels(),
				tier, permissions);
		String template = switch (channel.channel()) {
			case EMAIL -> templates.email();
			case SMS -> templates.sms();
			case PRINT -> templates.mailer();
		};
		String tierNote = this.context.definition().policy().channels().tiers().isEmpty() ? "" : "; value tier " + tier;
		String reason = "offer " + chosen.reason() + "; channel " + channel.reason() + tierNote;
		if (channel instanceof ChannelDecision.Unreachable unreachable) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.CROSS_SELL, chosen.offer().code(), template, unreachable.code(), reason);
		}
		return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(), DocumentKind.CROSS_SELL,
				chosen.offer().code(), template, reason);
	}

}
