package io.tidings.customer;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the single customer view and the merge log of which source record became which
 * customer.
 */
@Repository
public class CustomerRepository {

	private static final String COLUMNS = "customer_id, salutation, first_name, last_name, language, address_line1, "
			+ "address_line2, postcode, city, region, country, email, phone, birth_date, balance, currency, holdings, children, "
			+ "marital_status, consent_email, consent_sms, paperless, attributes, account";

	private static final String PREFIXED_COLUMNS = Arrays.stream(COLUMNS.split(", "))
		.map(column -> "c." + column)
		.collect(Collectors.joining(", "));

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final RowMapper<Customer> ROW_MAPPER = CustomerRepository::mapRow;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Clock clock;

	public CustomerRepository(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	public Optional<Customer> findById(String customerId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE customer_id = ?")
			.param(customerId)
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * Changes a customer's postal address (a new address reported with returned mail).
	 * @return whether the customer exists
	 */
	public boolean changeAddress(String customerId, PostalAddress address) {
		String household = NameKeys.household(address);
		return this.jdbc.sql("""
				UPDATE customer SET address_line1 = ?, address_line2 = ?, postcode = ?, city = ?, region = ?,
				country = ?, household_key = ?, updated_at = ? WHERE customer_id = ?
				""")
			.params(address.line1(), address.line2(), address.postcode(), address.city(), address.region(),
					address.country(), household.isEmpty() ? null : household, now(), customerId)
			.update() == 1;
	}

	/**
	 * Customers with an email address (compared without regard to case).
	 */
	public List<String> findIdsByEmail(String email) {
		return this.jdbc.sql("SELECT customer_id FROM customer WHERE LOWER(email) = LOWER(?) ORDER BY customer_id")
			.param(email.strip())
			.query(String.class)
			.list();
	}

	/**
	 * Customers with a phone number, as stored (E.164).
	 */
	public List<String> findIdsByPhone(String phone) {
		return this.jdbc.sql("SELECT customer_id FROM customer WHERE phone = ? ORDER BY customer_id")
			.param(phone.strip())
			.query(String.class)
			.list();
	}

	/**
	 * The customer a source record was merged into, if that source record was imported.
	 */
	public Optional<String> findIdBySource(String sourceId) {
		return this.jdbc.sql("SELECT customer_id FROM customer_source WHERE source_id = ?")
			.param(sourceId)
			.query(String.class)
			.optional();
	}

	/**
	 * A customer as it stands, locked until the transaction ends: partitions of an import
	 * that merge records into the same customer wait for each other.
	 */
	Optional<Customer> lock(String customerId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE customer_id = ? FOR UPDATE")
			.param(customerId)
			.query(ROW_MAPPER)
			.optional();
	}

	/**
	 * What is known of a source record's id, in one query: whether the record was
	 * imported before, the customer it then became or was merged into, and the customer
	 * whose own id it is.
	 */
	SourceLookup lookUpSource(String sourceId) {
		record Found(int lookup, @Nullable Customer customer) {
		}
		List<Found> found = this.jdbc
			.sql("SELECT 1 AS lookup, " + PREFIXED_COLUMNS
					+ " FROM customer_source s LEFT JOIN customer c ON c.customer_id = s.customer_id"
					+ " WHERE s.source_id = :source UNION ALL SELECT 2 AS lookup, " + COLUMNS
					+ " FROM customer WHERE customer_id = :source")
			.param("source", sourceId)
			.query((rs, n) -> new Found(rs.getInt("lookup"),
					(rs.getString("customer_id") != null) ? mapRow(rs, n) : null))
			.list();
		Map<Integer, Customer> customers = new HashMap<>();
		found.stream()
			.filter(row -> row.customer() != null)
			.forEach(row -> customers.put(row.lookup(), row.customer()));
		return new SourceLookup(found.stream().anyMatch(row -> row.lookup() == 1), customers.get(1), customers.get(2));
	}

	/**
	 * @param recorded whether the source record was imported before
	 * @param mergedInto the customer it became or was merged into, if it still exists
	 * @param sameId the customer whose own id the source id is
	 */
	record SourceLookup(boolean recorded, @Nullable Customer mergedInto, @Nullable Customer sameId) {
	}

	/**
	 * Customers that may be the same person as a source record: same date of birth or
	 * household and the same {@link NameKeys#initials name initials}, email or phone,
	 * except those a user separated from this source record. Each lookup is an index
	 * range that does not grow with the customer base.
	 */
	List<Customer> findCandidates(Customer incoming, String sourceId) {
		Map<String, Customer> candidates = new LinkedHashMap<>();
		String initials = NameKeys.initials(incoming);
		String household = NameKeys.household(incoming.address());
		sameInitials("birth_date", incoming.birthDate(), initials, candidates);
		candidate("email_key", NameKeys.email(incoming.email()), candidates);
		candidate("phone", incoming.phone(), candidates);
		sameInitials("household_key", household.isEmpty() ? null : household, initials, candidates);
		this.jdbc.sql("SELECT customer_id FROM merge_exclusion WHERE source_id = ?")
			.param(sourceId)
			.query(String.class)
			.list()
			.forEach(candidates::remove);
		return List.copyOf(candidates.values());
	}

	/**
	 * Same date of birth or household and the same initials, or (for customers or records
	 * with one name only) an initial in common: the names rules 1 and 4 of matching can
	 * find alike.
	 */
	private void sameInitials(String column, @Nullable Object value, @Nullable String initials,
			Map<String, Customer> candidates) {
		if (value == null || initials == null) {
			return;
		}
		int split = initials.offsetByCodePoints(0, 1);
		String sameKeyAndName;
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("key", value);
		if (split < initials.length()) {
			// pairs of values, so that the whole index is used (H2 uses only its first
			// column for birth_date = ? AND name_key IN (...))
			sameKeyAndName = "(" + column + ", name_key) IN ((:key, :initials), (:key, :first), (:key, :last))";
			parameters.put("initials", initials);
			parameters.put("first", initials.substring(0, split));
			parameters.put("last", initials.substring(split));
		}
		else {
			sameKeyAndName = column + " = :key AND (name_key LIKE :starting OR name_key LIKE :ending)";
			parameters.put("starting", initials + "%");
			parameters.put("ending", "%" + initials);
		}
		this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + sameKeyAndName + " ORDER BY customer_id")
			.params(parameters)
			.query(ROW_MAPPER)
			.list()
			.forEach(customer -> candidates.putIfAbsent(customer.id(), customer));
	}

	private void candidate(String column, @Nullable Object value, Map<String, Customer> candidates) {
		if (value == null) {
			return;
		}
		this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + column + " = ? ORDER BY customer_id")
			.param(value)
			.query(ROW_MAPPER)
			.list()
			.forEach(customer -> candidates.putIfAbsent(customer.id(), customer));
	}

	/**
	 * Stores a customer, new or known.
	 */
	void save(Customer customer, String matchKey) {
		if (!update(customer, matchKey)) {
			insert(customer, matchKey);
		}
	}

	/**
	 * Stores a changed customer.
	 * @return whether the customer exists
	 */
	boolean update(Customer customer, String matchKey) {
		return this.jdbc
			.sql("""
					UPDATE customer SET salutation = :salutation, first_name = :firstName, last_name = :lastName,
					language = :language, address_line1 = :line1, address_line2 = :line2, postcode = :postcode, city = :city,
					region = :region, country = :country, email = :email, phone = :phone, birth_date = :birthDate, balance = :balance,
					currency = :currency, holdings = :holdings, children = :children, marital_status = :marital,
					consent_email = :consentEmail, consent_sms = :consentSms, paperless = :paperless,
					attributes = :attributes, account = :account, match_key = :matchKey, email_key = :emailKey, household_key = :household,
					name_key = :nameKey, updated_at = :now WHERE customer_id = :id
					""")
			.params(parameters(customer, matchKey))
			.update() == 1;
	}

	/**
	 * Stores a new customer.
	 */
	void insert(Customer customer, String matchKey) {
		this.jdbc
			.sql("""
					INSERT INTO customer (customer_id, salutation, first_name, last_name, language, address_line1,
					address_line2, postcode, city, region, country, email, phone, birth_date, balance, currency, holdings,
					children, marital_status, consent_email, consent_sms, paperless, attributes, account, match_key,
					email_key, household_key, name_key, updated_at)
					VALUES (:id, :salutation, :firstName, :lastName, :language, :line1, :line2, :postcode, :city,
					:region, :country, :email, :phone, :birthDate, :balance, :currency, :holdings, :children, :marital,
					:consentEmail, :consentSms, :paperless, :attributes, :account, :matchKey, :emailKey, :household, :nameKey, :now)
					""")
			.params(parameters(customer, matchKey))
			.update();
	}

	/**
	 * Writes the merge log entry of a source record, new or imported before.
	 */
	void recordSource(String sourceId, String customerId, String matchRule, @Nullable Double score, Customer snapshot,
			String sourceFile, long sourceLine) {
		if (!updateSource(sourceId, customerId, matchRule, score, snapshot, sourceFile, sourceLine)) {
			insertSource(sourceId, customerId, matchRule, score, snapshot, sourceFile, sourceLine);
		}
	}

	/**
	 * Writes the merge log entry of a source record imported before.
	 * @return whether there was one
	 */
	boolean updateSource(String sourceId, String customerId, String matchRule, @Nullable Double score,
			Customer snapshot, String sourceFile, long sourceLine) {
		return this.jdbc.sql("""
				UPDATE customer_source SET customer_id = ?, match_rule = ?, score = ?, snapshot = ?, source_file = ?,
				source_line = ?, imported_at = ? WHERE source_id = ?
				""")
			.params(customerId, matchRule, score, JSON.writeValueAsString(snapshot), sourceFile, sourceLine, now(),
					sourceId)
			.update() == 1;
	}

	/**
	 * Writes the merge log entry of a source record imported for the first time.
	 */
	void insertSource(String sourceId, String customerId, String matchRule, @Nullable Double score, Customer snapshot,
			String sourceFile, long sourceLine) {
		this.jdbc.sql("""
				INSERT INTO customer_source (source_id, customer_id, match_rule, score, snapshot, source_file,
				source_line, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(sourceId, customerId, matchRule, score, JSON.writeValueAsString(snapshot), sourceFile, sourceLine,
					now())
			.update();
	}

	/**
	 * The merge log of a customer: the source records it was made from, oldest first.
	 */
	public List<SourceRecordEntry> sources(String customerId) {
		return this.jdbc.sql("""
				SELECT source_id, customer_id, match_rule, score, source_file, source_line, imported_at, snapshot
				FROM customer_source WHERE customer_id = ? ORDER BY imported_at, source_id
				""").param(customerId).query((rs, n) -> {
			double score = rs.getDouble("score");
			return new SourceRecordEntry(rs.getString("source_id"), rs.getString("customer_id"),
					rs.getString("match_rule"), rs.wasNull() ? null : score, rs.getString("source_file"),
					rs.getLong("source_line"), rs.getObject("imported_at", OffsetDateTime.class).toInstant(),
					(rs.getString("snapshot") != null) ? JSON.readValue(rs.getString("snapshot"), Customer.class)
							: null);
		}).list();
	}

	void excludeMerge(String sourceId, String customerId) {
		this.jdbc
			.sql("""
					MERGE INTO merge_exclusion t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64))))
					AS s(source_id, customer_id) ON t.source_id = s.source_id AND t.customer_id = s.customer_id
					WHEN NOT MATCHED THEN INSERT (source_id, customer_id, excluded_at) VALUES (s.source_id, s.customer_id, ?)
					""")
			.params(sourceId, customerId, now())
			.update();
	}

	/**
	 * The other customers at the same normalised address.
	 */
	public List<String> household(String customerId) {
		return this.jdbc.sql("""
				SELECT o.customer_id FROM customer c JOIN customer o ON o.household_key = c.household_key
				WHERE c.customer_id = ? AND o.customer_id <> c.customer_id ORDER BY o.customer_id
				""").param(customerId).query(String.class).list();
	}

	/**
	 * Adds a product to what a customer holds (after a purchase was reported).
	 */
	public void addHolding(String customerId, String product) {
		findById(customerId).ifPresent(customer -> {
			Set<String> holdings = new TreeSet<>(customer.holdings());
			if (holdings.add(product)) {
				this.jdbc.sql("UPDATE customer SET holdings = ?, updated_at = ? WHERE customer_id = ?")
					.params(String.join("|", holdings), now(), customerId)
					.update();
			}
		});
	}

	/**
	 * How many customers there are.
	 */
	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
	}

	/**
	 * A streaming reader over all customers in id order.
	 */
	public JdbcCursorItemReader<Customer> reader(String name) {
		return reader(name, null);
	}

	/**
	 * A streaming reader over the customers of a range of ids (all when {@code null}), in
	 * id order.
	 */
	public JdbcCursorItemReader<Customer> reader(String name, @Nullable IdRange range) {
		return new JdbcCursorItemReaderBuilder<Customer>().name(name)
			.dataSource(this.dataSource)
			.sql("SELECT " + COLUMNS + " FROM customer" + ((range != null) ? " WHERE customer_id BETWEEN ? AND ?" : "")
					+ " ORDER BY customer_id")
			.queryArguments((range != null) ? new Object[] { range.first(), range.last() } : new Object[0])
			.rowMapper(ROW_MAPPER)
			.fetchSize(500)
			.build();
	}

	/**
	 * Splits the customer base into ranges of ids with about as many customers each, for
	 * work shared out between processes.
	 * @param count how many ranges at most
	 * @return the ranges in order; none when there is no customer
	 */
	public List<IdRange> idRanges(int count) {
		return this.jdbc.sql("""
				SELECT MIN(customer_id) AS first_customer, MAX(customer_id) AS last_customer FROM (
				  SELECT customer_id, NTILE(?) OVER (ORDER BY customer_id) AS tile FROM customer
				) AS tiles GROUP BY tile ORDER BY tile
				""")
			.param(count)
			.query((rs, n) -> new IdRange(rs.getString("first_customer"), rs.getString("last_customer")))
			.list();
	}

	/**
	 * Customer ids from {@code first} to {@code last}, both included, in the database's
	 * ordering of ids ({@code BETWEEN}), which may differ from Java's. The ledger's
	 * {@code CustomerRange} is the same for the stages after the selection; the customer
	 * model, below the ledger, has its own.
	 */
	public record IdRange(String first, String last) {
	}

	/**
	 * The customers of these ids that exist, by id: one query for a batch that a
	 * streaming reader of another module has read.
	 */
	public Map<String, Customer> findAllById(Collection<String> customerIds) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		String placeholders = String.join(", ", Collections.nCopies(customerIds.size(), "?"));
		Map<String, Customer> found = new HashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE customer_id IN (" + placeholders + ")")
			.params(List.copyOf(customerIds))
			.query(ROW_MAPPER)
			.list()
			.forEach((customer) -> found.put(customer.id(), customer));
		return found;
	}

	/**
	 * The value tier thresholds of the whole customer base: the balance at and above
	 * which a customer is in the top share ({@code core}) and in the next share
	 * ({@code high}).
	 */
	public ValueTierThresholds valueTierThresholds(double coreShare, double highShare) {
		BigDecimal core = percentile(1 - coreShare);
		BigDecimal high = percentile(1 - coreShare - highShare);
		return new ValueTierThresholds(core, high);
	}

	private @Nullable BigDecimal percentile(double fraction) {
		if (fraction >= 1) {
			return null;
		}
		return this.jdbc
			.sql("SELECT PERCENTILE_DISC(" + Math.max(0, fraction) + ") WITHIN GROUP (ORDER BY balance) FROM customer")
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
	}

	private Map<String, @Nullable Object> parameters(Customer customer, String matchKey) {
		Map<String, @Nullable Object> parameters = new java.util.HashMap<>();
		parameters.put("id", customer.id());
		parameters.put("salutation", customer.salutation());
		parameters.put("firstName", customer.firstName());
		parameters.put("lastName", customer.lastName());
		parameters.put("language", customer.language());
		parameters.put("line1", customer.address().line1());
		parameters.put("line2", customer.address().line2());
		parameters.put("postcode", customer.address().postcode());
		parameters.put("city", customer.address().city());
		parameters.put("region", customer.address().region());
		parameters.put("country", customer.address().country());
		parameters.put("email", customer.email());
		parameters.put("phone", customer.phone());
		parameters.put("birthDate", customer.birthDate());
		parameters.put("balance", customer.balance());
		parameters.put("currency", customer.currency());
		parameters.put("holdings", String.join("|", new TreeSet<>(customer.holdings())));
		parameters.put("children", customer.children());
		parameters.put("marital", customer.maritalStatus());
		parameters.put("consentEmail", customer.consentEmail());
		parameters.put("consentSms", customer.consentSms());
		parameters.put("paperless", customer.paperless());
		parameters.put("attributes", JSON.writeValueAsString(new TreeMap<>(customer.attributes())));
		parameters.put("account", customer.account());
		parameters.put("matchKey", matchKey);
		parameters.put("emailKey", NameKeys.email(customer.email()));
		String household = NameKeys.household(customer.address());
		parameters.put("household", household.isEmpty() ? null : household);
		parameters.put("nameKey", NameKeys.initials(customer));
		parameters.put("now", now());
		return parameters;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static Customer mapRow(ResultSet rs, int rowNum) throws SQLException {
		String holdings = rs.getString("holdings");
		return new Customer(rs.getString("customer_id"), rs.getString("salutation"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getString("language"),
				new PostalAddress(rs.getString("address_line1"), rs.getString("address_line2"),
						rs.getString("postcode"), rs.getString("city"), rs.getString("region"),
						rs.getString("country")),
				rs.getString("email"), rs.getString("phone"), rs.getObject("birth_date", LocalDate.class),
				rs.getBigDecimal("balance"), rs.getString("currency"),
				holdings.isEmpty() ? Set.of()
						: Arrays.stream(holdings.split("\\|")).collect(Collectors.toUnmodifiableSet()),
				rs.getInt("children"), rs.getString("marital_status"), rs.getBoolean("consent_email"),
				rs.getBoolean("consent_sms"), rs.getBoolean("paperless"),
				JSON.readValue(rs.getString("attributes"), new TypeReference<Map<String, String>>() {
				}), rs.getString("account"));
	}

}
