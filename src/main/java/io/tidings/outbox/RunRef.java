package io.tidings.outbox;

/**
 * One run of a campaign: the campaign name and the run key (the as-of date, or a dry-run
 * key). Outputs of a run live under {@code out/<campaign>/<runKey>/}.
 *
 * @param campaign the campaign name from the job file
 * @param runKey the run key
 */
public record RunRef(String campaign, String runKey) {

	@Override
	public String toString() {
		return this.campaign + "/" + this.runKey;
	}

}
