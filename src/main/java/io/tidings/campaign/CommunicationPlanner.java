package io.tidings.campaign;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.customer.Customer;
import io.tidings.customer.ValueTier;
import io.tidings.offer.OfferArbitration;
import io.tidings.offer.OfferDecision;
import io.tidings.offer.OfferVolumes;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.ProductScore;
import io.tidings.offer.PropensityEstimator;
import io.tidings.offer.ResponseScores;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationPlan;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.policy.ChannelChoice;
import io.tidings.policy.ChannelDecision;
import io.tidings.policy.ConsentRegistry;
import io.tidings.policy.ContactPermissions;
import io.tidings.render.TemplateEngine;

/**
 * The decide stage for a chunk of the audience, customer by customer: a statement
 * (legally required, on paper) that carries the chosen offer, and a cross-sell message on
 * the channel the contact policy picks for the customer's value tier, consents and
 * reachability. Control-group customers get their statement without an offer and no
 * cross-sell message. What cannot be sent is planned as suppressed with the reason, so
 * every customer of the audience ends with a communication or a recorded reason. When
 * each planned communication drops is decided afterwards, for the whole run at once
 * ({@link CommunicationScheduleWriter}).
 */
class CommunicationPlanner {

	/** Reason code of a customer no offer fits. */
	static final String NO_ELIGIBLE_OFFER = "no-eligible-offer";

	/** Reason code of a customer held out of marketing. */
	static final String CONTROL_GROUP = "control-group";

	private final CampaignRunContext context;

	private final OfferArbitration arbitration;

	private final ChannelChoice channels;

	private final ResponseScores scores;

	private final OfferVolumes volumes;

	private final TemplateEngine templates;

	private final ConsentRegistry consents;

	private final ProductAssociations.Affinities affinities;

	CommunicationPlanner(CampaignRunContext context, ResponseScores scores, PropensityEstimator estimator,
			OfferVolumes volumes, TemplateEngine templates, ConsentRegistry consents,
			ProductAssociations.Affinities affinities) {
		this.context = context;
		this.arbitration = new OfferArbitration(context.offers(), estimator);
		this.channels = new ChannelChoice(context.definition().policy().channels(),
				context.definition().templates().emailStatement() != null);
		this.scores = scores;
		this.volumes = volumes;
		this.templates = templates;
		this.consents = consents;
		this.affinities = affinities;
	}

	/**
	 * Plans a chunk of the audience, in order, reading the customers' consents and
	 * response scores for the whole chunk at once.
	 */
	List<CommunicationPlan> plan(List<? extends AudienceMember> members) {
		Map<String, ContactPermissions> permissions = this.consents
			.permissions(members.stream().map(AudienceMember::customer).toList());
		Map<String, Map<String, ProductScore>> scores = this.scores.forCustomers(members.stream()
			.filter(member -> !member.inControlGroup())
			.map(member -> member.customer().id())
			.toList());
		List<CommunicationPlan> plans = new ArrayList<>();
		for (AudienceMember member : members) {
			plans.addAll(plan(member, scores.getOrDefault(member.customer().id(), Map.of()),
					permissions.get(member.customer().id())));
		}
		return plans;
	}

	private List<CommunicationPlan> plan(AudienceMember member, Map<String, ProductScore> scores,
			ContactPermissions permissions) {
		Customer customer = member.customer();
		OfferDecision offer;
		if (member.inControlGroup()) {
			offer = new OfferDecision.NoOffer("control group: no marketing, to measure lift ("
					+ Math.round(this.context.definition().experiment().controlGroup() * 100) + "% held out)");
		}
		else {
			Map<String, Object> facts = this.context.offers()
				.facts(customer, this.context.asOf(), member.tier(), this.affinities);
			offer = this.arbitration.choose(customer, facts, this.context.asOf(), scores, this.volumes);
		}
		String offerCode = null;
		String modelVersion = null;
		double expectedValue = 0;
		if (offer instanceof OfferDecision.Chosen chosen) {
			offerCode = chosen.offer().code();
			modelVersion = chosen.modelVersion();
			expectedValue = chosen.expectedValue();
		}
		String tier = member.tier().label();
		List<CommunicationPlan> plans = new ArrayList<>();
		plans.add(details(statement(member, offerCode, offer.reason(), permissions), member, modelVersion).forTier(tier,
				expectedValue));
		plans.add(details(crossSell(member, offer, permissions), member, modelVersion).forTier(tier, expectedValue));
		return plans;
	}

	private CommunicationPlan details(CommunicationPlan plan, AudienceMember member, @Nullable String modelVersion) {
		return plan.withDetails(new DecisionDetails(member.tier().label(), member.variant(), modelVersion,
				this.templates.version(this.context.definition().templates().folder(), plan.template())));
	}

	private CommunicationPlan statement(AudienceMember member, @Nullable String offerCode, String offerReason,
			ContactPermissions permissions) {
		Customer customer = member.customer();
		String template = template(member, "statement");
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.STATEMENT, EnumSet.allOf(Channel.class),
				ValueTier.GENERAL.label(), permissions);
		String reason = channel.reason() + "; offer on statement: " + offerReason;
		if (channel instanceof ChannelDecision.Unreachable unreachable) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), channel.channel(),
					DocumentKind.STATEMENT, offerCode, template, unreachable.code(), channel.reason());
		}
		return CommunicationPlan.planned(this.context.run(), customer.id(), channel.channel(), DocumentKind.STATEMENT,
				offerCode, template, reason);
	}

	private CommunicationPlan crossSell(AudienceMember member, OfferDecision offer, ContactPermissions permissions) {
		Customer customer = member.customer();
		if (!(offer instanceof OfferDecision.Chosen chosen)) {
			return CommunicationPlan.suppressed(this.context.run(), customer.id(), Channel.PRINT,
					DocumentKind.CROSS_SELL, null, template(member, "mailer"),
					member.inControlGroup() ? CONTROL_GROUP : NO_ELIGIBLE_OFFER, offer.reason());
		}
		String tier = member.tier().label();
		ChannelDecision channel = this.channels.choose(customer, DocumentKind.CROSS_SELL, chosen.offer().channels(),
				tier, permissions);
		String template = switch (channel.channel()) {
			case EMAIL -> template(member, "email");
			case SMS -> template(member, "sms");
			case PRINT -> template(member, "mailer");
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
