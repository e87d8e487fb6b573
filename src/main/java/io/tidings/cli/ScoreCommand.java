package io.tidings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.tidings.InvalidInputException;
import io.tidings.offer.CandidateFigures;
import io.tidings.offer.CustomerScoring;
import io.tidings.offer.ModelSpec;
import io.tidings.offer.NotEnoughResponsesException;
import io.tidings.offer.ProductCodes;
import io.tidings.offer.UpliftModel;
import io.tidings.offer.UpliftModels;

import org.springframework.context.ApplicationContext;

/**
 * {@code tidings score --product <code> --out <file.csv> [--model <model.yml>] [--retrain]}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
		description = { "Writes customer_id;score for every customer: the probability that each customer responds "
				+ "to the product, from the product's propensity model. A new model version is trained first when "
				+ "there is none or responses came in since the last one." })
class ScoreCommand implements TidingsSubcommand {

	@Option(names = "--product", required = true, paramLabel = "<code>",
			description = "Product code (term-deposit and TERM_DEPOSIT are the same).")
	private String product = "";

	@Option(names = "--out", required = true, paramLabel = "<file.csv>", description = "File to write.")
	private Path out = Path.of("");

	@Option(names = "--model", paramLabel = "<model.yml>",
			description = "How to build the model (features, bins, interactions, regularisation, candidates); "
					+ "defaults otherwise.")
	private @Nullable Path model;

	@Option(names = "--retrain", description = "Train a new model version even if the newest is up to date.")
	private boolean retrain;

	@Override
	public int run(ApplicationContext context, PrintWriter out) {
		ModelSpec spec = (this.model != null) ? ModelSpec.load(this.model) : ModelSpec.defaults();
		CustomerScoring.ScoreExport export;
		try {
			export = context.getBean(CustomerScoring.class).export(this.product, spec, this.retrain, this.out);
		}
		catch (NotEnoughResponsesException ex) {
			throw new InvalidInputException(ex.getMessage());
		}
		var model = export.model();
		out.printf(Locale.ROOT, "Model %s%s: %,d customers with responses (%,d positive), cross-validated AUC %.3f%n",
				model.label(), export.trained() ? " (trained now)" : "", model.trainingRows(), model.positives(),
				model.crossValidatedAuc());
		for (CandidateFigures figures : model.candidates()) {
			out.printf(Locale.ROOT, "  %-10s %-17s CV AUC %.3f, Brier %.4f, lift@20%% %.2f (%s)%n",
					figures.champion() ? "champion" : "challenger", figures.kind().label(), figures.auc(),
					figures.brier(), figures.liftAt20(), figures.detail());
		}
		out.printf(Locale.ROOT,
				"Scored %,d customers into %s in %.1f s (%,.0f/s), peak heap after collection %,d MiB%n",
				export.customers(), export.file().toAbsolutePath(), export.elapsed().toMillis() / 1000.0,
				export.customers() / Math.max(0.001, export.elapsed().toMillis() / 1000.0),
				export.peakHeapBytes() / (1024 * 1024));
		printUplift(context.getBean(UpliftModels.class), ProductCodes.normalise(this.product), spec, out);
		return TidingsCommandLine.OK;
	}

	/**
	 * Trains the product's uplift model too when its campaigns' contacted or held-out
	 * customers responded since (or asked to), where there are enough responses.
	 */
	private void printUplift(UpliftModels uplift, String code, ModelSpec spec, PrintWriter out) {
		boolean trained = this.retrain || uplift.isOutOfDate(code);
		UpliftModel model;
		try {
			model = trained ? uplift.train(code, spec) : uplift.latest(code).orElseThrow();
		}
		catch (NotEnoughResponsesException ex) {
			out.printf(Locale.ROOT, "No new uplift model: %s%n", ex.getMessage());
			return;
		}
		out.printf(Locale.ROOT,
				"Uplift model %s%s: %,d contacted customers (%,d took it up), %,d held out (%,d took it up)%n",
				model.label().replaceFirst("^uplift model ", ""), trained ? " (trained now)" : "",
				model.groups().treated(), model.groups().treatedPositives(), model.groups().control(),
				model.groups().controlPositives());
	}

}
