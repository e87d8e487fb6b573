package io.tidings.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import tools.jackson.databind.json.JsonMapper;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trains, stores and loads propensity models. A model for a product learns from the
 * response scores the engine has ingested for it: a customer who responded or bought is a
 * positive example, one who only declined or complained a negative one. Training fits the
 * model file's candidate kinds and keeps the best ({@link ModelSelection}); each training
 * stores a new version.
 */
@Component
public class PropensityModels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int FOLDS = 5;

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final CustomerRepository customers;

	private final Clock clock;

	private final Map<String, Optional<PropensityModel>> latest = new ConcurrentHashMap<>();

	PropensityModels(DataSource dataSource, CustomerRepository customers, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * The newest model of a product, if one was trained.
	 */
	public Optional<PropensityModel> latest(String product) {
		return this.latest.computeIfAbsent(product, this::load);
	}

	/**
	 * Loads each product's newest model again when it is next asked for: another process
	 * (a run's manager, {@code tidings score}) may have trained one since this process
	 * loaded it. Each step that scores calls it first, so that a long-lived worker or
	 * {@code tidings serve} scores with the model of the run it works for.
	 */
	public void forgetLoaded() {
		this.latest.clear();
	}

	/**
	 * How many responses a product's newest model learned from, and how many there are
	 * now: a model is out of date when they differ.
	 */
	public boolean isOutOfDate(String product) {
		Optional<PropensityModel> model = latest(product);
		return model.isEmpty() || model.get().trainingRows() != labelledCustomers(product);
	}

	/**
	 * Trains a new version of a product's model.
	 * @throws NotEnoughResponsesException when there are too few responses of either
	 * outcome
	 */
	public PropensityModel train(String product, ModelSpec spec) {
		LocalDate today = LocalDate.now(this.clock);
		List<Map<String, Object>> rows = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		this.jdbc.sql("SELECT customer_id, positives FROM offer_response_score WHERE product = ? ORDER BY customer_id")
			.param(product)
			.query((rs, n) -> {
				ids.add(rs.getString("customer_id"));
				labels.add(rs.getInt("positives") > 0 ? 1 : 0);
				return null;
			})
			.list();
		List<Integer> kept = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			Map<String, Customer> found = this.customers.findAllById(batch);
			for (int i = 0; i < batch.size(); i++) {
				Customer customer = found.get(batch.get(i));
				if (customer != null) {
					rows.add(FeatureEncoder.flatten(CustomerFacts.of(customer, today), product));
					kept.add(labels.get(from + i));
				}
			}
		}
		int positives = (int) kept.stream().filter(label -> label == 1).count();
		int negatives = kept.size() - positives;
		if (positives < spec.minimumResponses() || negatives < spec.minimumResponses()) {
			throw new NotEnoughResponsesException("too few responses to train a model for " + product + ": " + positives
					+ " positive and " + negatives + " negative, " + spec.minimumResponses() + " of each needed");
		}
		FeatureEncoder encoder = FeatureEncoder.fit(rows, spec);
		List<FeatureEncoder.Vector> vectors = rows.stream().map(encoder::encode).toList();
		ModelSpec chosen = spec;
		if (spec.regularisation() <= 0 && spec.candidates().contains(ModelKind.LOGISTIC)) {
			double best = -1;
			for (double c : ModelSpec.REGULARISATION_GRID) {
				double candidate = crossValidatedAuc(vectors, kept, encoder.tokens().size(),
						spec.withRegularisation(c));
				if (candidate > best) {
					best = candidate;
					chosen = spec.withRegularisation(c);
				}
			}
		}
		ModelSelection.Outcome selection = ModelSelection.select(product, rows,
				kept.stream().mapToInt(Integer::intValue).toArray(), encoder, vectors, chosen);
		CandidateFigures champion = selection.champion();
		double auc = champion.auc();
		double[] weightsAndBias = (champion.kind() == ModelKind.LOGISTIC)
				? fit(vectors, kept, encoder.tokens().size(), chosen) : new double[encoder.tokens().size() + 1];
		int version = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM propensity_model WHERE product = ?")
			.param(product)
			.query(Integer.class)
			.single();
		double[] weights = java.util.Arrays.copyOf(weightsAndBias, encoder.tokens().size());
		PropensityModel model = new PropensityModel(product, version, Instant.now(this.clock), kept.size(), positives,
				auc, chosen, encoder, weights, weightsAndBias[encoder.tokens().size()], champion.kind(),
				selection.trees(), selection.figures());
		this.jdbc.sql("""
				INSERT INTO propensity_model (product, version, trained_at, training_rows, positives,
				cross_validated_auc, definition) VALUES (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(product, version, OffsetDateTime.ofInstant(model.trainedAt(), ZoneOffset.UTC), kept.size(),
					positives, auc, JSON.writeValueAsString(model))
			.update();
		this.latest.put(product, Optional.of(model));
		return model;
	}

	private int labelledCustomers(String product) {
		return this.jdbc.sql("SELECT COUNT(*) FROM offer_response_score WHERE product = ?")
			.param(product)
			.query(Integer.class)
			.single();
	}

	private Optional<PropensityModel> load(String product) {
		return this.jdbc.sql(
				"SELECT definition FROM propensity_model WHERE product = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
			.param(product)
			.query(String.class)
			.optional()
			.map(json -> JSON.readValue(json, PropensityModel.class));
	}

	/** Weights of every feature token, then the bias, oriented towards a response. */
	static double[] fit(List<FeatureEncoder.Vector> vectors, List<Integer> labels, int features, ModelSpec spec) {
		Problem problem = new Problem();
		problem.l = vectors.size();
		problem.n = features;
		problem.bias = 1;
		problem.x = new Feature[vectors.size()][];
		problem.y = new double[vectors.size()];
		for (int i = 0; i < vectors.size(); i++) {
			FeatureEncoder.Vector vector = vectors.get(i);
			Feature[] row = new Feature[vector.indices().length];
			for (int j = 0; j < row.length; j++) {
				row[j] = new FeatureNode(vector.indices()[j], vector.values()[j]);
			}
			problem.x[i] = row;
			problem.y[i] = labels.get(i);
		}
		Linear.disableDebugOutput();
		Parameter parameter = new Parameter(SolverType.L2R_LR, spec.regularisation(), 0.0001);
		parameter.setRandom(new Random(0));
		Model model = Linear.train(problem, parameter);
		double sign = (model.getLabels()[0] == 1) ? 1 : -1;
		double[] weights = new double[features + 1];
		for (int feature = 1; feature <= features; feature++) {
			weights[feature - 1] = sign * model.getDecfunCoef(feature, 0);
		}
		weights[features] = sign * model.getDecfunBias(0);
		return weights;
	}

	static double crossValidatedAuc(List<FeatureEncoder.Vector> vectors, List<Integer> labels, int features,
			ModelSpec spec) {
		double[] scores = new double[vectors.size()];
		for (int fold = 0; fold < FOLDS; fold++) {
			List<FeatureEncoder.Vector> trainVectors = new ArrayList<>();
			List<Integer> trainLabels = new ArrayList<>();
			for (int i = 0; i < vectors.size(); i++) {
				if (i % FOLDS != fold) {
					trainVectors.add(vectors.get(i));
					trainLabels.add(labels.get(i));
				}
			}
			double[] weights = fit(trainVectors, trainLabels, features, spec);
			for (int i = fold; i < vectors.size(); i += FOLDS) {
				FeatureEncoder.Vector vector = vectors.get(i);
				double sum = weights[features];
				for (int j = 0; j < vector.indices().length; j++) {
					sum += weights[vector.indices()[j] - 1] * vector.values()[j];
				}
				scores[i] = sum;
			}
		}
		return RankingMetrics.auc(scores, labels.stream().mapToInt(Integer::intValue).toArray());
	}

}
