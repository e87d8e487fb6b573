package io.tidings.customer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candidate lookup of matching in a real database: the date-of-birth lookup is
 * blocked by the stored name initials.
 */
class CustomerCandidatesTests {

	private static final String BORN = "1980-03-14";

	private static final List<String> FIRST_NAMES = List.of("Anna", "Bruno", "Chloé", "Dmitri", "Elena", "Farid",
			"Greta", "Hugo", "Ines", "Jonas", "Kai", "Lena", "Marta", "Nils", "Olga", "Pavel");

	private static final List<String> LAST_NAMES = List.of("Almeida", "Berger", "Costa", "Dubois", "Eriksen", "Fischer",
			"Garcia", "Horvat", "Ivanova", "Jansen", "Kowalska", "Lindqvist", "Moreau", "Novak", "Olsen", "Petrov");

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private CustomerRepository customers;

	private JdbcClient jdbc;

	@BeforeEach
	void createDatabase() {
		this.dataSource.setURL("jdbc:h2:mem:candidates-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		this.jdbc = JdbcClient.create(this.dataSource);
		this.customers = new CustomerRepository(this.dataSource, Clock.systemUTC());
	}

	@Test
	void shouldLookUpOnlyTheCustomersBornThatDayWithTheSameInitials() {
		// given 256 customers born on one day, every pair of initials among them
		migrate(null);
		for (String first : FIRST_NAMES) {
			for (String last : LAST_NAMES) {
				save(customer(first + "-" + last, first, last, BORN, null));
			}
		}
		save(customer("REVERSED", "Kowalska", "Anna", BORN, null));
		save(customer("ONLY-LAST", null, "Kowalska", BORN, null));
		save(customer("OTHER-DAY", "Anna", "Kowalska", "1980-03-15", null));
		// when a record of Anna Kowalska comes
		Customer incoming = customer("X1", "Anna", "Kowalski", BORN, null);
		List<Customer> candidates = this.customers.findCandidates(incoming, "X1");
		// then only the names with the initials a and k (in either order) are compared,
		// and a customer with one of those names only
		assertThat(this.jdbc.sql("SELECT name_key FROM customer WHERE customer_id = 'Anna-Kowalska'")
			.query(String.class)
			.single()).isEqualTo("ak");
		assertThat(candidates).extracting(Customer::id)
			.containsExactly("Anna-Kowalska", "Kai-Almeida", "ONLY-LAST", "REVERSED");
		assertThat(new CustomerMatcher().match(incoming, candidates).match())
			.hasValueSatisfying(match -> assertThat(match.customer().id()).isEqualTo("Anna-Kowalska"));
	}

	@Test
	void shouldStillFindTheSamePersonSpeltAnotherWayOrInAnotherScript() {
		migrate(null);
		save(customer("GREEK", "Γιώργος", "Παπαδόπουλος", BORN, null));
		save(customer("CHINESE", "小明", "王", BORN, null));
		save(customer("TYPO", "Jonathan", "Smith", BORN, null));
		save(customer("OTHER", "Gerda", "Schmidt", BORN, null));
		CustomerMatcher matcher = new CustomerMatcher();

		assertThat(matchOf(matcher, customer("X1", "Giorgos", "Papadopoulos", BORN, null))).contains("GREEK");
		assertThat(matchOf(matcher, customer("X2", "Wang", "Xiaoming", BORN, null))).contains("CHINESE");
		assertThat(matchOf(matcher, customer("X3", "Jonathon", "Smyth", BORN, null))).contains("TYPO");
		// a record with the last name only is compared with every customer sharing an
		// initial
		assertThat(this.customers.findCandidates(customer("X4", null, "Smith", BORN, null), "X4"))
			.extracting(Customer::id)
			.containsExactly("OTHER", "TYPO");
	}

	@Test
	void shouldNotCompareNamesThatDifferInTheirFirstLetterUnlessTheyShareAnEmail() {
		migrate(null);
		save(customer("C1", "Catherine", "Moreau", BORN, null));
		save(customer("C2", "Catherine", "Dubois", BORN, "catherine.dubois@example.com"));
		CustomerMatcher matcher = new CustomerMatcher();
		Customer moreau = customer("X1", "Katherine", "Moreau", BORN, null);
		assertThat(CustomerMatcher.nameSimilarity(moreau, customer("C1", "Catherine", "Moreau", BORN, null)))
			.as("rule 1 would have merged them")
			.isGreaterThan(0.90);

		assertThat(this.customers.findCandidates(moreau, "X1")).isEmpty();
		assertThat(matchOf(matcher, customer("X2", "Katherine", "Dubois", BORN, "catherine.dubois@example.com")))
			.contains("C2");
	}

	@Test
	void shouldFillInTheInitialsOfTheCustomersImportedBefore() {
		// given customers stored before the name key existed
		migrate("12");
		this.jdbc
			.sql("""
					INSERT INTO customer (customer_id, first_name, last_name, birth_date, language, country, balance,
					  currency, holdings, children, consent_email, consent_sms, paperless, attributes, match_key, updated_at)
					VALUES ('C1', 'Ολγα', 'Petrova', DATE '1980-03-14', 'el', 'GR', 0, 'EUR', '', 0, FALSE, FALSE, FALSE,
					  '{}', 'k1', CURRENT_TIMESTAMP),
					('C2', 'Olga', 'Petrova', NULL, 'en', 'GB', 0, 'EUR', '', 0, FALSE, FALSE, FALSE, '{}', 'k2',
					  CURRENT_TIMESTAMP)
					""")
			.update();
		// when
		migrate(null);
		// then
		assertThat(this.jdbc.sql("SELECT customer_id, name_key FROM customer ORDER BY customer_id")
			.query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
			.list()).containsExactly("C1=op", "C2=null");
		assertThat(this.customers.findCandidates(customer("X1", "Olga", "Petrova", BORN, null), "X1"))
			.extracting(Customer::id)
			.containsExactly("C1");
	}

	@Test
	void shouldLookUpOnlyTheCustomersAtTheAddressWithTheSameInitials() {
		// given 256 customers at one address, every pair of initials among them, some
		// without a date of birth
		migrate(null);
		PostalAddress address = new PostalAddress("12 Rue des Lilas", null, "75011", "Paris", "FR");
		int i = 0;
		for (String first : FIRST_NAMES) {
			for (String last : LAST_NAMES) {
				String born = (i++ % 2 == 0) ? null : "1970-01-%02d".formatted(1 + i % 28);
				save(customer(first + "-" + last, first, last, born, null, address));
			}
		}
		save(customer("OTHER-ADDRESS", "Anna", "Kowalska", null, null,
				new PostalAddress("14 Rue des Lilas", null, "75011", "Paris", "FR")));
		// when a record of Anna Kowalska at that address comes, without a date of birth
		Customer incoming = customer("X1", "Anna", "Kowalski", null, null, address);
		List<Customer> candidates = this.customers.findCandidates(incoming, "X1");
		// then only the names with the initials a and k (in either order) are compared
		assertThat(candidates).extracting(Customer::id).containsExactly("Anna-Kowalska", "Kai-Almeida");
		assertThat(new CustomerMatcher().match(incoming, candidates).match())
			.hasValueSatisfying(match -> assertThat(match.rule()).isEqualTo("same address and name"));
	}

	@Test
	void shouldFillInTheInitialsOfTheHouseholdsWithoutADateOfBirthImportedBefore() {
		// given a customer with an address and no date of birth, stored before the
		// household lookup was blocked by the initials
		migrate("19.2");
		this.jdbc.sql("""
				INSERT INTO customer (customer_id, first_name, last_name, birth_date, language, address_line1, city,
				  country, balance, currency, holdings, children, consent_email, consent_sms, paperless, attributes,
				  match_key, household_key, updated_at)
				VALUES ('C1', 'Ολγα', 'Petrova', NULL, 'el', '1 Odos Ermou', 'Athina', 'GR', 0, 'EUR', '', 0, FALSE,
				  FALSE, FALSE, '{}', 'k1', 'GR||1 odos ermou', CURRENT_TIMESTAMP)
				""").update();
		// when
		migrate(null);
		// then
		assertThat(this.jdbc.sql("SELECT name_key FROM customer WHERE customer_id = 'C1'").query(String.class).single())
			.isEqualTo("op");
		assertThat(this.customers.findCandidates(customer("X1", "Olga", "Petrova", null, null,
				new PostalAddress("1 Odos Ermou", null, null, "Athina", "GR")), "X1"))
			.extracting(Customer::id)
			.containsExactly("C1");
	}

	@Test
	void shouldComparePeopleOfTheSameDayFirstThenEmailAndLeaveOutThoseAUserSeparated() {
		// given customers sharing a record's date of birth, email or both
		migrate(null);
		save(customer("B2", "Anna", "Kowalska", BORN, null));
		save(customer("B1", "Anna", "Kowalczyk", BORN, null));
		save(customer("A0", "Anja", "Kowalska", "1990-01-01", "anna@example.com"));
		save(customer("B0", "Anne", "Kowal", BORN, "anna@example.com"));
		save(customer("SEPARATED", "Anna", "Kowalska", BORN, "anna@example.com"));
		this.customers.excludeMerge("X1", "SEPARATED");
		// when
		List<Customer> candidates = this.customers
			.findCandidates(customer("X1", "Anna", "Kowalska", BORN, "Anna@Example.com"), "X1");
		// then each once, the date of birth's lookup first
		assertThat(candidates).extracting(Customer::id).containsExactly("B0", "B1", "B2", "A0");
		// and another record still compares with the separated customer
		assertThat(this.customers.findCandidates(customer("X2", "Anna", "Kowalska", BORN, null), "X2"))
			.extracting(Customer::id)
			.contains("SEPARATED");
	}

	@Test
	void shouldSayInOneLookupWhetherARecordCameBeforeAndWhichCustomersItsIdNames() {
		migrate(null);
		save(customer("M1", "Anna", "Kowalska", BORN, null));
		save(customer("S2", "Bruno", "Berger", BORN, null));
		this.customers.insertSource("S1", "M1", "same date of birth and similar name", 0.95,
				customer("S1", "Anna", "Kowalski", BORN, null), "first.csv", 2);
		this.customers.insertSource("GONE", "ERASED", "new customer", null,
				customer("GONE", "Carla", "Costa", BORN, null), "first.csv", 3);

		CustomerRepository.SourceLookup merged = this.customers.lookUpSource("S1");
		assertThat(merged.recorded()).isTrue();
		assertThat(merged.mergedInto()).extracting(Customer::id).isEqualTo("M1");
		assertThat(merged.sameId()).isNull();

		CustomerRepository.SourceLookup ownId = this.customers.lookUpSource("S2");
		assertThat(ownId.recorded()).isFalse();
		assertThat(ownId.mergedInto()).isNull();
		assertThat(ownId.sameId()).extracting(Customer::id).isEqualTo("S2");

		CustomerRepository.SourceLookup customerGone = this.customers.lookUpSource("GONE");
		assertThat(customerGone.recorded()).isTrue();
		assertThat(customerGone.mergedInto()).isNull();
		assertThat(customerGone.sameId()).isNull();

		assertThat(this.customers.lookUpSource("NEW"))
			.isEqualTo(new CustomerRepository.SourceLookup(false, null, null));
	}

	@Test
	void shouldIndexTheCustomersOnlyByWhatTheLookupsRead() {
		// each index takes an entry of every imported customer, most at a random place
		// that costs more as the base grows: none is kept that no lookup reads
		migrate(null);
		assertThat(this.jdbc.sql("""
				SELECT c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS c
				JOIN INFORMATION_SCHEMA.INDEXES i ON i.INDEX_SCHEMA = c.INDEX_SCHEMA AND i.INDEX_NAME = c.INDEX_NAME
				WHERE c.TABLE_NAME = 'CUSTOMER' AND i.INDEX_TYPE_NAME = 'INDEX' AND c.ORDINAL_POSITION = 1
				""").query(String.class).list()).containsExactlyInAnyOrder("BIRTH_DATE", "EMAIL_KEY", "PHONE",
				"HOUSEHOLD_KEY");
	}

	@Test
	void shouldGiveItsConnectionBackAfterReadingCustomersById() {
		// given a pool of one connection
		migrate(null);
		save(customer("P1", "Anna", "Kowalska", BORN, null));
		HikariConfig pool = new HikariConfig();
		pool.setDataSource(this.dataSource);
		pool.setMaximumPoolSize(1);
		pool.setConnectionTimeout(1000);
		try (HikariDataSource pooled = new HikariDataSource(pool)) {
			CustomerRepository lookups = new CustomerRepository(pooled, Clock.systemUTC());
			// when the customers are read by id again and again outside a transaction
			for (int i = 0; i < 3; i++) {
				// then each read finds its connection free
				assertThat(lookups.findAllById(List.of("P1", "P2"))).containsOnlyKeys("P1");
			}
		}
	}

	private void migrate(@Nullable String target) {
		var configuration = Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.javaMigrations(new CustomerNameKeyMigration(), new CustomerHouseholdNameKeyMigration());
		if (target != null) {
			configuration.target(target);
		}
		configuration.load().migrate();
	}

	private void save(Customer customer) {
		this.customers.save(customer, CustomerMatching.matchKey(customer));
	}

	private List<String> matchOf(CustomerMatcher matcher, Customer incoming) {
		return matcher.match(incoming, this.customers.findCandidates(incoming, incoming.id()))
			.match()
			.map(match -> List.of(match.customer().id()))
			.orElse(List.of());
	}

	private static Customer customer(String id, @Nullable String first, @Nullable String last, String birthDate,
			@Nullable String email) {
		return customer(id, first, last, birthDate, email, new PostalAddress(null, null, null, null, "GB"));
	}

	private static Customer customer(String id, @Nullable String first, @Nullable String last,
			@Nullable String birthDate, @Nullable String email, PostalAddress address) {
		return new Customer(id, null, first, last, "en", address, email, null,
				(birthDate != null) ? LocalDate.parse(birthDate) : null, BigDecimal.ZERO, "EUR", Set.of(), 0, null,
				false, false, false, Map.of());
	}

}
