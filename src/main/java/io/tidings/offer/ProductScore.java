package io.tidings.offer;

/**
 * A customer's response history for one product and the score derived from it.
 *
 * @param product product code
 * @param positives responses and purchases
 * @param negatives declines
 * @param complaints complaints
 * @param score Laplace-smoothed share of positive responses,
 * {@code (p + 1) / (p + n + 2)}; 0.5 when nothing is known
 */
public record ProductScore(String product, int positives, int negatives, int complaints, double score) {

	public static final double UNKNOWN = 0.5;

	static ProductScore unknown(String product) {
		return new ProductScore(product, 0, 0, 0, UNKNOWN);
	}

	ProductScore with(ResponseSignal signal) {
		int p = this.positives + (signal == ResponseSignal.POSITIVE ? 1 : 0);
		int n = this.negatives + (signal == ResponseSignal.NEGATIVE ? 1 : 0);
		int c = this.complaints + (signal == ResponseSignal.COMPLAINT ? 1 : 0);
		return new ProductScore(this.product, p, n, c, (p + 1.0) / (p + n + c + 2.0));
	}

}
