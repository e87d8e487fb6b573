package io.tidings.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerFacts;
import io.tidings.customer.CustomerRepository;
import io.tidings.outbox.OfferExposures;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trains, stores and loads uplift models. A product's model learns from the customers its
 * campaigns contacted with the offer and those their control groups held out
 * ({@link OfferExposures}); a customer of either group took the product up when a
 * positive response (responded, interested, purchased) for it was ingested, as the
 * propensity models and the report's lift count it: for a held-out customer that is a
 * purchase made without being asked. Each training stores a new version.
 */
@Component
public class UpliftModels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final OfferExposures exposures;

	private final CustomerRepository customers;

	private final Clock clock;

	private final Map<String, Optional<UpliftModel>> latest = new ConcurrentHashMap<>();

	UpliftModels(DataSource dataSource, OfferExposures exposures, CustomerRepository customers, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.exposures = exposures;
		this.customers = customers;
		this.clock = clock;
	}

	/** The newest uplift model of a product, if one was trained. */
	public Optional<UpliftModel> latest(String product) {
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
	 * Whether the groups or their responses changed since the newest model was trained
	 * (or there is none).
	 */
	public boolean isOutOfDate(String product) {
		Optional<UpliftModel> model = latest(product);
		return model.isEmpty() || !model.get().groups().equals(groups(product, this.exposures.of(product)));
	}

	/**
	 * Why a run ranking the product by uplift cannot: no model and too few responses to
	 * train one; empty when a model exists or can be trained.
	 */
	public Optional<String> unusable(String product, ModelSpec spec) {
		if (latest(product).isPresent()) {
			return Optional.empty();
		}
		return Optional
			.ofNullable(groups(product, this.exposures.of(product)).shortfall(product, spec.minimumResponses()));
	}

	/**
	 * Trains a new version of a product's uplift model.
	 * @throws NotEnoughResponsesException when either group has too few customers who
	 * took the product up or did not
	 */
	public UpliftModel train(String product, ModelSpec spec) {
		Map<String, Boolean> groups = this.exposures.of(product);
		UpliftGroups counts = groups(product, groups);
		String shortfall = counts.shortfall(product, spec.minimumResponses());
		if (shortfall != null) {
			throw new NotEnoughResponsesException(shortfall);
		}
		Set<String> positives = positives(product);
		LocalDate today = LocalDate.now(this.clock);
		List<Map<String, Object>> rows = new ArrayList<>();
		List<Boolean> treated = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		groups.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
			Optional<Customer> customer = this.customers.findById(entry.getKey());
			if (customer.isPresent()) {
				rows.add(FeatureEncoder.flatten(CustomerFacts.of(customer.get(), today), product));
				treated.add(entry.getValue());
				labels.add(positives.contains(entry.getKey()) ? 1 : 0);
			}
		});
		boolean[] contacted = new boolean[treated.size()];
		for (int i = 0; i < contacted.length; i++) {
			contacted[i] = treated.get(i);
		}
		UpliftLearner.Fit fit = UpliftLearner.fit(rows, contacted,
				labels.stream().mapToInt(Integer::intValue).toArray(), spec);
		int version = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM uplift_model WHERE product = ?")
			.param(product)
			.query(Integer.class)
			.single();
		UpliftModel model = new UpliftModel(product, version, Instant.now(this.clock), counts, spec, fit.encoder(),
				fit.treated(), fit.control());
		this.jdbc.sql("""
				INSERT INTO uplift_model (product, version, trained_at, treated, treated_positives, control,
				control_positives, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(product, version, OffsetDateTime.ofInstant(model.trainedAt(), ZoneOffset.UTC), counts.treated(),
					counts.treatedPositives(), counts.control(), counts.controlPositives(),
					JSON.writeValueAsString(model))
			.update();
		this.latest.put(product, Optional.of(model));
		return model;
	}

	private UpliftGroups groups(String product, Map<String, Boolean> groups) {
		Set<String> positives = positives(product);
		int[] counts = new int[4];
		groups.forEach((customer, treated) -> {
			int side = treated ? 0 : 2;
			counts[side]++;
			counts[side + 1] += positives.contains(customer) ? 1 : 0;
		});
		return new UpliftGroups(counts[0], counts[1], counts[2], counts[3]);
	}

	private Set<String> positives(String product) {
		return new HashSet<>(
				this.jdbc.sql("SELECT customer_id FROM offer_response_score WHERE product = ? AND positives > 0")
					.param(product)
					.query(String.class)
					.list());
	}

	private Optional<UpliftModel> load(String product) {
		return this.jdbc
			.sql("SELECT definition FROM uplift_model WHERE product = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
			.param(product)
			.query(String.class)
			.optional()
			.map(json -> JSON.readValue(json, UpliftModel.class));
	}

}
