package io.tidings.offer;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;
import io.tidings.segment.CustomerExpression;

/**
 * A product that can be offered.
 *
 * @param code product code, as in customer holdings and responses
 * @param name product name
 * @param priority tie-breaker between offers of equal expected value (higher wins)
 * @param margin expected value of one take-up
 * @param eligibility who may be offered the product
 * @param channels channels the offer may use
 * @param validFrom first day the offer may be made
 * @param validTo last day the offer may be made
 * @param content texts per language (ISO 639-1)
 * @param maxVolume most customers one run may offer it to
 * @param budget most one run may spend on it, at {@code costPerContact} a customer
 * @param costPerContact cost of offering it to one customer
 * @param model how its propensity model is built
 * @param ranking what arbitration ranks it by; null for the job file's {@code ranking}
 * (expected value when it sets none)
 */
public record Offer(String code, String name, int priority, double margin, CustomerExpression eligibility,
		Set<Channel> channels, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
		Map<String, OfferContent> content, @Nullable Integer maxVolume, @Nullable Double budget, double costPerContact,
		ModelSpec model, @Nullable Ranking ranking) {

	public Offer(String code, String name, int priority, double margin, CustomerExpression eligibility,
			Set<Channel> channels, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
			Map<String, OfferContent> content, @Nullable Integer maxVolume, @Nullable Double budget,
			double costPerContact, ModelSpec model) {
		this(code, name, priority, margin, eligibility, channels, validFrom, validTo, content, maxVolume, budget,
				costPerContact, model, null);
	}

	/** The same offer ranked as the job file says, unless it names its own ranking. */
	Offer withDefaultRanking(Ranking jobRanking) {
		return (this.ranking != null) ? this
				: new Offer(this.code, this.name, this.priority, this.margin, this.eligibility, this.channels,
						this.validFrom, this.validTo, this.content, this.maxVolume, this.budget, this.costPerContact,
						this.model, jobRanking);
	}

	/** Whether arbitration ranks it by uplift. */
	public boolean rankedByUplift() {
		return this.ranking == Ranking.UPLIFT;
	}

	/**
	 * How many customers one run may offer it to, from its volume cap and budget.
	 */
	public long capacity() {
		long byVolume = (this.maxVolume != null) ? this.maxVolume : Long.MAX_VALUE;
		long byBudget = (this.budget != null && this.costPerContact > 0)
				? (long) Math.floor(this.budget / this.costPerContact) : Long.MAX_VALUE;
		return Math.min(byVolume, byBudget);
	}

	/**
	 * The texts in a language, falling back to English, then to any language.
	 */
	public OfferContent contentFor(String language) {
		OfferContent texts = this.content.get(language);
		if (texts == null) {
			texts = this.content.get("en");
		}
		return (texts != null) ? texts : this.content.values().iterator().next();
	}

	public boolean isValidOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

}
