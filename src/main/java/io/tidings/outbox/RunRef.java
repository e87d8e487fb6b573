package io.tidings.outbox;

import java.nio.file.Path;

/**
 * One run of a campaign: the campaign name and the run key (the as-of date, or a dry-run
 * key). Outputs of a run live under {@code out/<campaign>/<runKey>/}.
 *
 * @param campaign the campaign name from the job file
 * @param runKey the run key
 */
public record RunRef(String campaign, String runKey) {

	/**
	 * What a dry run's key carries after the as-of date:
	 * {@code 2026-09-30-dry-20261001093000}.
	 */
	public static final String DRY_RUN_MARK = "-dry-";

	/** The SQL condition that leaves dry runs out: they plan without sending. */
	public static final String NOT_A_DRY_RUN = "run_key NOT LIKE '%" + DRY_RUN_MARK + "%'";

	/**
	 * The run's output folder: {@code <out>/<campaign>/<runKey>}.
	 */
	public Path outputFolder(Path out) {
		return out.resolve(this.campaign).resolve(this.runKey);
	}

	/**
	 * The run's output folder of one channel:
	 * {@code <out>/<campaign>/<runKey>/<channel>}.
	 */
	public Path outputFolder(Path out, Channel channel) {
		return outputFolder(out).resolve(channel.folder());
	}

	@Override
	public String toString() {
		return this.campaign + "/" + this.runKey;
	}

}
