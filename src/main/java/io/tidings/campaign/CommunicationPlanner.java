package io.tidings.campaign;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.offer.OfferArbitration;
import io.tidings.offer.OfferDecision;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.policy.ChannelChoice;
import io.tidings.policy.ChannelDecision;
import io.tidings.render.TemplateEngine;

/**
 * The decide stage for one customer of the audience: a statement (legally required, on
 * paper) that carries the chosen offer, and a cross-sell message on the channel the
 * contact policy picks. Control-group customers get their statement without an offer and
 * no cross-sell message. What cannot be sent is planned as suppressed with the reason, so
 * every customer of the audience ends with a communication or a recorded reason.
 */
class CommunicationPlanner {

	private final CampaignRunContext context;

	private final OfferArbitration arbitration;

	private final ChannelChoice channels;

	private final ResponseScores scores;

	private final OfferVolumes volumes;

	private final TemplateEngine templates;

	CommunicationPlanner(CampaignRunContext context, ResponseScores scores, PropensityEstimator estimator,
			OfferVolumes volumes, TemplateEngine templates) {
		this.context = context;
		this.arbitration = new OfferArbitration(context.offers(), estimator);
		this.channels = new ChannelChoice();
		this.scores = scores;
		this.volumes = volumes;
		this.templates = templates;
	}

	List<CommunicationPlan> plan(AudienceMember member) {
		Customer customer = member.customer();
		OfferDecision offer;
		if (member.inControlGroup()) {
			offer = new OfferDecision.NoOffer("control group: no marketing, to measure lift ("
					+ Math.round(this.context.definition().experiment().controlGroup() * 100) + "% held out)");
		}
		else {
			Map<String, Object> facts = this.context.offers().facts(customer, this.context.asOf(), member.tier());
			offer = this.arbitration.choose(customer, facts, this.context.asOf(),
					this.scores.forCustomer(customer.id()), this.volumes);
		}
		String offerCode = (offer instanceof OfferDecision.Chosen chosen) ? chosen.offer().code() : null;
		String modelVersion = (offer instanceof OfferDecision.Chosen chosen) ? chosen.modelVersion() : null;
		List<CommunicationPlan> plans = new ArrayList<>();
		plans.add(details(statement(member, offerCode, offer.reason()), member, null));
		plans.add(details(crossSell(member, offer), member, modelVersion));
		return plans;
	}

	private CommunicationPlan details(CommunicationPlan plan, AudienceMember member, @Nullable String modelVersion) {
		return plan.withDetails(new DecisionDetails(member.tier().label(), member.variant(), modelVersion,
				this.templates.version(this.context.definition().templates().folder(), plan.template())));
	}

	private CommunicationPlan statement(AudienceMember member, @Nullable String offerCode, String offerReason) {
		Customer customer = member.customer();
		String template = template(member, "statement");
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.STATEMENT, EnumSet.allOf(Channel.class));
		String reason = channel.reason() + "; offer on statement: " + offerReason;
		if (channel instanceof ChannelDecision.Use) {
			return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.STATEMENT, offerCode, template, reason);
		}
		return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
				DocumentKind.STATEMENT, offerCode, template, channel.reason());
	}

	private CommunicationPlan crossSell(AudienceMember member, OfferDecision offer) {
		Customer customer = member.customer();
		if (!(offer instanceof OfferDecision.Chosen chosen)) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), Channel.PRINT,
					DocumentKind.CROSS_SELL, null, template(member, "mailer"), offer.reason());
		}
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.CROSS_SELL, chosen.offer().channels());
		String template = switch (channel.channel()) {
			case EMAIL -> template(member, "email");
			case SMS -> template(member, "sms");
			case PRINT -> template(member, "mailer");
		};
		String reason = "offer " + chosen.reason() + "; channel " + channel.reason();
		if (channel instanceof ChannelDecision.Use) {
			return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.CROSS_SELL, chosen.offer().code(), template, reason);
		}
		return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
				DocumentKind.CROSS_SELL, chosen.offer().code(), template, reason);
	}

	/** The template of a kind, as the customer's variant has it. */
	private String template(AudienceMember member, String kind) {
		CampaignDefinition definition = this.context.definition();
		for (CampaignDefinition.Variant variant : definition.experiment().variants()) {
			if (variant.name().equals(member.variant()) && variant.templates().containsKey(kind)) {
				return variant.templates().get(kind);
			}
		}
		CampaignDefinition.Templates templates = definition.templates();
		return switch (kind) {
			case "statement" -> templates.statement();
			case "mailer" -> templates.mailer();
			case "email" -> templates.email();
			case "sms" -> templates.sms();
			default -> throw new IllegalArgumentException("Unknown template kind " + kind);
		};
	}

}
