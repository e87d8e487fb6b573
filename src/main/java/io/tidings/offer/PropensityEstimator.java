package io.tidings.offer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * How likely a customer is to take up an offer: from the product's propensity model when
 * one is trained, else from the customer's own response history for the product
 * (Laplace-smoothed, 0.5 when nothing is known).
 */
public class PropensityEstimator {

	private final Function<String, Optional<PropensityModel>> models;

	private final Function<String, Optional<UpliftModel>> upliftModels;

	/**
	 * @param models the newest model of a product, if any
	 * ({@link PropensityModels#latest})
	 */
	public PropensityEstimator(Function<String, Optional<PropensityModel>> models) {
		this(models, product -> Optional.empty());
	}

	/**
	 * @param models the newest model of a product, if any
	 * ({@link PropensityModels#latest})
	 * @param upliftModels the newest uplift model of a product, if any
	 * ({@link UpliftModels#latest})
	 */
	public PropensityEstimator(Function<String, Optional<PropensityModel>> models,
			Function<String, Optional<UpliftModel>> upliftModels) {
		this.models = models;
		this.upliftModels = upliftModels;
	}

	/**
	 * How much a contact changes the customer's chance of taking the offer up, when the
	 * product has an uplift model.
	 */
	public Optional<Uplift> uplift(Offer offer, Map<String, Object> facts) {
		return this.upliftModels.apply(offer.code()).map(model -> new Uplift(model.uplift(facts), model.label()));
	}

	public Estimate estimate(Offer offer, Map<String, Object> facts, Map<String, ProductScore> history) {
		Optional<PropensityModel> model = this.models.apply(offer.code());
		if (model.isPresent()) {
			double propensity = model.get().score(facts);
			List<String> top = model.get().explain(facts, 3);
			return new Estimate(propensity, "model " + model.get().description() + " (" + String.join(", ", top) + ")",
					model.get().label());
		}
		ProductScore score = history.getOrDefault(offer.code(), ProductScore.unknown(offer.code()));
		return new Estimate(score.score(), "response history (" + score.positives() + " positive, "
				+ (score.negatives() + score.complaints()) + " negative)", null);
	}

	/**
	 * A propensity and what it rests on.
	 *
	 * @param propensity probability of a response
	 * @param basis the model and its top features, or the response history
	 * @param modelVersion the model's version label, when a model was used
	 */
	public record Estimate(double propensity, String basis, @Nullable String modelVersion) {
	}

	/**
	 * An uplift and the model it comes from.
	 *
	 * @param uplift P(take-up | contacted) − P(take-up | not contacted)
	 * @param modelVersion the uplift model's label
	 */
	public record Uplift(double uplift, String modelVersion) {
	}

}
