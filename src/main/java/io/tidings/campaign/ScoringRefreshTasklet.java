package io.tidings.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.offer.NotEnoughResponsesException;
import io.tidings.offer.Offer;
import io.tidings.offer.ProductAssociations;
import io.tidings.offer.PropensityModel;
import io.tidings.offer.PropensityModels;
import io.tidings.offer.UpliftModel;
import io.tidings.offer.UpliftModels;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Before a run selects its audience: mines the product associations of the customers'
 * current holdings, and trains a new propensity model for each offer whose responses
 * changed since its model was trained (when there are enough of them), and likewise an
 * uplift model for each offer whose contacted and held-out customers' responses changed,
 * so that the run decides with what the engine learned from the last responses.
 */
class ScoringRefreshTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger("io.tidings.progress");

	private final CampaignRunContext context;

	private final ProductAssociations associations;

	private final PropensityModels models;

	private final UpliftModels upliftModels;

	ScoringRefreshTasklet(CampaignRunContext context, ProductAssociations associations, PropensityModels models,
			UpliftModels upliftModels) {
		this.context = context;
		this.associations = associations;
		this.models = models;
		this.upliftModels = upliftModels;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int rules = this.associations.mine().size();
		logger.info("scoring: {} product association rules mined from holdings", rules);
		for (Offer offer : this.context.offers().offers()) {
			if (offer.rankedByUplift()) {
				refreshUplift(offer);
			}
			if (!this.models.isOutOfDate(offer.code())) {
				continue;
			}
			try {
				PropensityModel model = this.models.train(offer.code(), offer.model());
				logger.info("scoring: trained {} on {} customers with responses, cross-validated AUC {}", model.label(),
						model.trainingRows(), String.format(java.util.Locale.ROOT, "%.3f", model.crossValidatedAuc()));
			}
			catch (NotEnoughResponsesException ex) {
				logger.info("scoring: no model for {} yet ({})", offer.code(), ex.getMessage());
			}
		}
		return RepeatStatus.FINISHED;
	}

	private void refreshUplift(Offer offer) {
		if (!this.upliftModels.isOutOfDate(offer.code())) {
			return;
		}
		try {
			UpliftModel model = this.upliftModels.train(offer.code(), offer.model());
			logger.info("scoring: trained {} on {} contacted and {} held-out customers", model.label(),
					model.groups().treated(), model.groups().control());
		}
		catch (NotEnoughResponsesException ex) {
			logger.info("scoring: no new uplift model for {} ({})", offer.code(), ex.getMessage());
		}
	}

}
