package io.tidings.offer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.TestCampaigns;
import io.tidings.cli.TidingsCommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on real data (UCI Bank Marketing,
 * {@code ../shared/data/bank-marketing}), through the command line as a user runs it:
 * import the customers, ingest the outcomes of a random half as responses,
 * {@code tidings score --product term-deposit}, and evaluate the scores on the other
 * half: AUC and lift in the top 20%, over 5 random splits: with the sample model file
 * (its champion of logistic regression and gradient-boosted trees), with each of its
 * candidates alone, and with the default model (one-hot and binned features, no
 * interactions) in the same run.
 *
 * <p>
 * Run with {@code ./mvnw -B -Pbench test -Dtest=BankMarketingBenchmark}.
 */
@Tag("benchmark")
class BankMarketingBenchmark {

	private static final Path DATA = TestCampaigns.PROJECT.resolve("../shared/data/bank-marketing/bank.csv")
		.normalize();

	private static final Path MAPPING = TestCampaigns.PROJECT.resolve("samples/bank-marketing/customers.mapping.yml");

	private static final Path MODEL = TestCampaigns.PROJECT.resolve("samples/bank-marketing/model.yml");

	private static final int SPLITS = 5;

	@TempDir
	Path folder;

	@Test
	void shouldReportAucAndLiftOverFiveSplits() throws IOException {
		List<String> lines = Files.readAllLines(DATA, StandardCharsets.UTF_8);
		List<String> header = List.of(lines.get(0).replace("\"", "").split(";"));
		int outcome = header.indexOf("y");
		List<Integer> labels = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			labels.add("yes".equals(line.replace("\"", "").split(";")[outcome]) ? 1 : 0);
		}
		String sample = Files.readString(MODEL);
		Path logisticModel = Files.writeString(this.folder.resolve("logistic.yml"),
				sample.replace("candidates: [logistic, gradient-boosting]", "candidates: [logistic]"));
		Path treesModel = Files.writeString(this.folder.resolve("trees.yml"),
				sample.replace("candidates: [logistic, gradient-boosting]", "candidates: [gradient-boosting]"));
		List<String> names = List.of("champion", "logistic", "gradient-boosting", "default");
		double[][][] results = new double[names.size()][SPLITS][];
		List<String> champions = new ArrayList<>();
		for (int split = 0; split < SPLITS; split++) {
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < labels.size(); i++) {
				order.add(i);
			}
			Collections.shuffle(order, new Random(2026L + split));
			List<Integer> training = order.subList(0, labels.size() / 2);
			List<Integer> holdout = order.subList(labels.size() / 2, labels.size());
			Path home = this.folder.resolve("split-" + split);
			Path responses = writeResponses(home, training, labels);
			run("import", DATA.toString(), "--mapping", MAPPING.toString(), "--home", home.toString());
			run("ingest", responses.toString(), "--home", home.toString());
			List<List<String>> models = List.of(List.of("--model", MODEL.toString()),
					List.of("--model", logisticModel.toString()), List.of("--model", treesModel.toString()), List.of());
			for (int model = 0; model < names.size(); model++) {
				Path scores = home.resolve("scores-" + names.get(model) + ".csv");
				List<String> arguments = new ArrayList<>(List.of("score", "--product", "term-deposit", "--out",
						scores.toString(), "--retrain", "--home", home.toString()));
				arguments.addAll(models.get(model));
				String output = run(arguments.toArray(String[]::new));
				if (model == 0) {
					champions.add(output.lines()
						.filter(line -> line.trim().startsWith("champion"))
						.map(line -> line.trim().split("\\s+")[1])
						.findFirst()
						.orElse("?"));
				}
				results[model][split] = evaluate(scores, holdout, labels);
			}
		}
		System.out.println();
		System.out.println("Bank Marketing, term deposit: held-out half of 4,521 customers, 5 random splits");
		System.out.println("split | " + String.join(" | ", names.stream().map(name -> name + " AUC, lift@20%").toList())
				+ " | champion kind");
		for (int split = 0; split < SPLITS; split++) {
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d", split + 1));
			for (int model = 0; model < names.size(); model++) {
				line.append(String.format(Locale.ROOT, " | %.4f, %.3f", results[model][split][0],
						results[model][split][1]));
			}
			System.out.println(line.append(" | ").append(champions.get(split)));
		}
		StringBuilder line = new StringBuilder(" mean");
		for (int model = 0; model < names.size(); model++) {
			double[] mean = mean(results[model]);
			line.append(String.format(Locale.ROOT, " | %.4f, %.3f", mean[0], mean[1]));
		}
		System.out.println(line);
		assertThat(mean(results[0])[0]).as("mean AUC").isGreaterThan(0.5);
	}

	private static Path writeResponses(Path home, List<Integer> training, List<Integer> labels) throws IOException {
		Files.createDirectories(home);
		StringBuilder file = new StringBuilder("customer_id;campaign;product;outcome;occurred_at;channel\n");
		for (int row : training) {
			file.append(id(row))
				.append(";bank-marketing;term-deposit;")
				.append(labels.get(row) == 1 ? "purchased" : "declined")
				.append(";2010-11-01T12:00:00+00:00;phone\n");
		}
		return Files.writeString(home.resolve("responses.csv"), file);
	}

	private static double[] evaluate(Path scoresFile, List<Integer> holdout, List<Integer> labels) throws IOException {
		Map<String, Double> scores = new HashMap<>();
		for (String line : Files.readAllLines(scoresFile).subList(1, labels.size() + 1)) {
			String[] fields = line.split(";");
			scores.put(fields[0], Double.parseDouble(fields[1]));
		}
		double[] values = new double[holdout.size()];
		int[] outcomes = new int[holdout.size()];
		for (int i = 0; i < holdout.size(); i++) {
			values[i] = scores.get(id(holdout.get(i)));
			outcomes[i] = labels.get(holdout.get(i));
		}
		return new double[] { RankingMetrics.auc(values, outcomes), RankingMetrics.lift(values, outcomes, 0.2) };
	}

	private static String id(int row) {
		return String.format("B%04d", row + 1);
	}

	private static double[] mean(double[][] results) {
		double auc = 0;
		double lift = 0;
		for (double[] result : results) {
			auc += result[0] / results.length;
			lift += result[1] / results.length;
		}
		return new double[] { auc, lift };
	}

	private static String run(String... arguments) {
		PrintStream original = System.out;
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
		int exitCode;
		try {
			exitCode = TidingsCommandLine.execute(arguments);
		}
		finally {
			System.setOut(original);
		}
		String text = output.toString(StandardCharsets.UTF_8);
		assertThat(exitCode).as(String.join(" ", arguments) + "\n" + text).isZero();
		return text;
	}

}
