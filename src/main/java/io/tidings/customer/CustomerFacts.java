package io.tidings.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The facts about a customer that segment expressions and offer rules can read, by name:
 * {@code id, age, country, language, city, postcode, balance, currency, children,
 * marital, hasEmail, hasPhone, hasAddress, consentEmail, consentSms, paperless, tier,
 * holds['CODE'], attr['name'], events['name'], affinity['CODE']}. {@code tier} is the
 * value tier of the run ({@code core}, {@code high}, {@code general}); {@code events} are
 * the life events the offer catalog defines (unknown ones read as {@code false}). Unknown
 * holdings read as {@code false}, unknown attributes as an empty string, a missing age as
 * {@code -1}.
 */
public final class CustomerFacts {

	private CustomerFacts() {
	}

	public static Map<String, Object> of(Customer customer, LocalDate asOf) {
		return of(customer, asOf, ValueTier.GENERAL);
	}

	public static Map<String, Object> of(Customer customer, LocalDate asOf, ValueTier tier) {
		Map<String, Object> facts = new LinkedHashMap<>();
		Integer age = customer.ageOn(asOf);
		facts.put("id", customer.id());
		facts.put("age", (age != null) ? age : -1);
		facts.put("country", customer.address().country());
		facts.put("language", customer.language());
		facts.put("city", orEmpty(customer.address().city()));
		facts.put("postcode", orEmpty(customer.address().postcode()));
		facts.put("balance", customer.balance());
		facts.put("currency", customer.currency());
		facts.put("children", customer.children());
		facts.put("marital", orEmpty(customer.maritalStatus()));
		facts.put("hasEmail", customer.email() != null);
		facts.put("hasPhone", customer.phone() != null);
		facts.put("hasAddress", customer.address().isDeliverable());
		facts.put("consentEmail", customer.consentEmail());
		facts.put("consentSms", customer.consentSms());
		facts.put("paperless", customer.paperless());
		facts.put("holds", new Holdings(customer.holdings()));
		facts.put("tier", tier.label());
		facts.put("attr", new Attributes(customer.attributes()));
		facts.put("events", new Flags(Map.of()));
		facts.put("affinity", new Numbers(Map.of(), 1.0));
		return facts;
	}

	/**
	 * The facts with the customer's product affinities ({@code affinity['PRODUCT']}: the
	 * highest lift towards the product from what the customer holds) set.
	 */
	public static Map<String, Object> withAffinity(Map<String, Object> facts, Map<String, Double> affinity) {
		Map<String, Object> copy = new LinkedHashMap<>(facts);
		copy.put("affinity", new Numbers(affinity, 1.0));
		return copy;
	}

	/**
	 * The facts with the customer's life events ({@code events['name']}) set.
	 */
	public static Map<String, Object> withEvents(Map<String, Object> facts, Map<String, Boolean> events) {
		Map<String, Object> copy = new LinkedHashMap<>(facts);
		copy.put("events", new Flags(events));
		return copy;
	}

	/**
	 * Facts of a made-up customer, to check an expression's names and types before a run;
	 * every free attribute reads as the number 0.
	 */
	public static Map<String, Object> example() {
		Customer example = new Customer("EXAMPLE", null, "Ann", "Example", "en",
				new PostalAddress("1 Example Street", null, "1000", "Lisbon", "PT"), "ann@example.com", "+351910000000",
				LocalDate.of(1980, 1, 1), BigDecimal.TEN, "EUR", Set.of(), 0, "single", true, true, false, Map.of());
		Map<String, Object> facts = of(example, LocalDate.of(2026, 1, 1));
		facts.put("attr", new AbstractMap<String, Object>() {

			@Override
			public Object get(Object key) {
				return BigDecimal.ZERO;
			}

			@Override
			public boolean containsKey(Object key) {
				return true;
			}

			@Override
			public Set<Entry<String, Object>> entrySet() {
				return Set.of();
			}

		});
		return facts;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	/** Reads {@code affinity['X']} as a number, with a default when unknown. */
	private static final class Numbers extends AbstractMap<String, Double> {

		private final Map<String, Double> values;

		private final double fallback;

		Numbers(Map<String, Double> values, double fallback) {
			this.values = Map.copyOf(values);
			this.fallback = fallback;
		}

		@Override
		public Double get(Object key) {
			return this.values.getOrDefault(key, this.fallback);
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

		@Override
		public Set<Entry<String, Double>> entrySet() {
			return this.values.entrySet();
		}

	}

	/**
	 * Reads {@code events['x']} as whether an event applies, {@code false} when unknown.
	 */
	private static final class Flags extends AbstractMap<String, Boolean> {

		private final Map<String, Boolean> values;

		Flags(Map<String, Boolean> values) {
			this.values = Map.copyOf(values);
		}

		@Override
		public Boolean get(Object key) {
			return this.values.getOrDefault(key, false);
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

		@Override
		public Set<Entry<String, Boolean>> entrySet() {
			return this.values.entrySet();
		}

	}

	/** Reads {@code holds['X']} as whether the customer holds product X. */
	private static final class Holdings extends AbstractMap<String, Boolean> {

		private final Set<String> codes;

		Holdings(Set<String> codes) {
			this.codes = codes;
		}

		@Override
		public Boolean get(Object key) {
			return this.codes.contains(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

		@Override
		public Set<Entry<String, Boolean>> entrySet() {
			Map<String, Boolean> all = new LinkedHashMap<>();
			this.codes.forEach(code -> all.put(code, true));
			return all.entrySet();
		}

	}

	/**
	 * Reads {@code attr['x']} as a free attribute: a number when it reads as one, else
	 * the text, empty when absent.
	 */
	private static final class Attributes extends AbstractMap<String, Object> {

		private final Map<String, String> values;

		Attributes(Map<String, String> values) {
			this.values = values;
		}

		@Override
		public Object get(Object key) {
			String value = this.values.getOrDefault(key, "");
			try {
				return value.isEmpty() ? value : new BigDecimal(value);
			}
			catch (NumberFormatException ex) {
				return value;
			}
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			Map<String, Object> all = new LinkedHashMap<>();
			this.values.keySet().forEach(name -> all.put(name, get(name)));
			return all.entrySet();
		}

	}

}
