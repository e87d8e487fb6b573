package io.tidings.offer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.tidings.customer.Customer;
import io.tidings.customer.CustomerRepository;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product-to-product associations mined from what customers hold: for every pair of
 * products, the share of customers holding both (support), the share of holders of the
 * first who also hold the second (confidence), and how much more likely holding the first
 * makes the second than it is overall (lift). Rules read them as
 * {@code affinity['PRODUCT']}: the highest lift towards that product from anything the
 * customer holds (1 when nothing points to it).
 */
@Component
public class ProductAssociations {

	private final JdbcClient jdbc;

	private final CustomerRepository customers;

	private final Clock clock;

	ProductAssociations(DataSource dataSource, CustomerRepository customers, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * Mines the associations of all customers' holdings (one pass over the customers) and
	 * stores them, replacing the previous ones.
	 */
	@Transactional
	public List<Association> mine() {
		Map<String, Long> holders = new HashMap<>();
		Map<String, Map<String, Long>> pairs = new HashMap<>();
		long total = 0;
		JdbcCursorItemReader<Customer> reader = this.customers.reader("associationCustomerReader");
		reader.open(new ExecutionContext());
		try {
			Customer customer;
			while ((customer = reader.read()) != null) {
				total++;
				Set<String> held = customer.holdings();
				for (String a : held) {
					holders.merge(a, 1L, Long::sum);
					for (String b : held) {
						if (!a.equals(b)) {
							pairs.computeIfAbsent(a, key -> new HashMap<>()).merge(b, 1L, Long::sum);
						}
					}
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read customers: " + ex.getMessage(), ex);
		}
		finally {
			reader.close();
		}
		List<Association> associations = new ArrayList<>();
		for (Map.Entry<String, Map<String, Long>> antecedent : new TreeMap<>(pairs).entrySet()) {
			for (Map.Entry<String, Long> consequent : new TreeMap<>(antecedent.getValue()).entrySet()) {
				double support = consequent.getValue() / (double) total;
				double confidence = consequent.getValue() / (double) holders.get(antecedent.getKey());
				double lift = confidence / (holders.get(consequent.getKey()) / (double) total);
				associations.add(new Association(antecedent.getKey(), consequent.getKey(), consequent.getValue(),
						support, confidence, lift));
			}
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.jdbc.sql("DELETE FROM product_association").update();
		for (Association association : associations) {
			this.jdbc.sql("""
					INSERT INTO product_association (antecedent, consequent, customers, support, confidence, lift,
					computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
					""")
				.params(association.antecedent(), association.consequent(), association.customers(),
						association.support(), association.confidence(), association.lift(), now)
				.update();
		}
		return associations;
	}

	/**
	 * The stored associations.
	 */
	public Affinities load() {
		Map<String, Map<String, Double>> lifts = new HashMap<>();
		this.jdbc.sql("SELECT antecedent, consequent, lift FROM product_association")
			.query((rs, n) -> lifts.computeIfAbsent(rs.getString("antecedent"), key -> new HashMap<>())
				.put(rs.getString("consequent"), rs.getDouble("lift")))
			.list();
		return new Affinities(lifts);
	}

	/**
	 * One association rule.
	 *
	 * @param antecedent the product held
	 * @param consequent the product it points to
	 * @param customers customers holding both
	 * @param support share of all customers holding both
	 * @param confidence share of the antecedent's holders holding the consequent
	 * @param lift confidence divided by the consequent's share of all customers
	 */
	public record Association(String antecedent, String consequent, long customers, double support, double confidence,
			double lift) {
	}

	/**
	 * Lifts between products, by antecedent and consequent.
	 *
	 * @param lifts lift of each consequent, by antecedent
	 */
	public record Affinities(Map<String, Map<String, Double>> lifts) {

		public static final Affinities NONE = new Affinities(Map.of());

		/**
		 * Per product, the highest lift towards it from the products a customer holds.
		 */
		public Map<String, Double> of(Set<String> holdings) {
			Map<String, Double> affinity = new HashMap<>();
			for (String held : holdings) {
				this.lifts.getOrDefault(held, Map.of())
					.forEach((product, lift) -> affinity.merge(product, lift, Math::max));
			}
			return affinity;
		}

	}

}
