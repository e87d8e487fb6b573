package io.tidings.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;

/**
 * Deterministic random assignment of customers to a campaign's control group and
 * variants: a hash of campaign and customer id, so that the same customer lands in the
 * same group in every run of the campaign and a rerun gives the same groups, while
 * different campaigns draw independent groups.
 */
final class ExperimentAssignment {

	private final String campaign;

	private final CampaignDefinition.Experiment experiment;

	ExperimentAssignment(String campaign, CampaignDefinition.Experiment experiment) {
		this.campaign = campaign;
		this.experiment = experiment;
	}

	boolean inControlGroup(String customerId) {
		return uniform("control", customerId) < this.experiment.controlGroup();
	}

	@Nullable String variant(String customerId) {
		double draw = uniform("variant", customerId);
		double cumulative = 0;
		for (CampaignDefinition.Variant variant : this.experiment.variants()) {
			cumulative += variant.share();
			if (draw < cumulative) {
				return variant.name();
			}
		}
		return this.experiment.variants().isEmpty() ? null
				: this.experiment.variants().get(this.experiment.variants().size() - 1).name();
	}

	/**
	 * A number in [0, 1) from the first 53 bits of SHA-256(campaign, purpose, customer).
	 */
	private double uniform(String purpose, String customerId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((this.campaign + "\u001f" + purpose + "\u001f" + customerId).getBytes(StandardCharsets.UTF_8));
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (hash[i] & 0xff);
			}
			return (bits >>> 11) / (double) (1L << 53);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
