package io.tidings.customer;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer base split into ranges of ids, as the select stage's partitions read it.
 */
class CustomerIdRangesTests {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private CustomerRepository customers;

	@BeforeEach
	void createDatabase() {
		this.dataSource.setURL("jdbc:h2:mem:ranges-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.javaMigrations(new CustomerNameKeyMigration(), new CustomerHouseholdNameKeyMigration())
			.load()
			.migrate();
		this.customers = new CustomerRepository(this.dataSource, Clock.systemUTC());
	}

	@Test
	void shouldReadEveryCustomerOnceInRangesOfAboutAsManyCustomers() throws Exception {
		// given ten customers
		List<String> ids = List.of("C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10");
		ids.forEach(id -> this.customers.insert(customer(id), id));
		// when the base is split in three
		List<CustomerRepository.IdRange> ranges = this.customers.idRanges(3);
		// then
		assertThat(ranges).containsExactly(new CustomerRepository.IdRange("C01", "C04"),
				new CustomerRepository.IdRange("C05", "C07"), new CustomerRepository.IdRange("C08", "C10"));
		List<String> read = new ArrayList<>();
		for (CustomerRepository.IdRange range : ranges) {
			read.addAll(readAll(this.customers.reader("rangeReader", range)));
		}
		assertThat(read).containsExactlyElementsOf(ids);
		assertThat(readAll(this.customers.reader("allReader"))).containsExactlyElementsOf(ids);
	}

	@Test
	void shouldSplitAnEmptyBaseIntoNoRangeAndASmallOneIntoOneACustomer() {
		assertThat(this.customers.idRanges(8)).isEmpty();
		this.customers.insert(customer("C1"), "C1");
		this.customers.insert(customer("C2"), "C2");
		assertThat(this.customers.idRanges(8)).containsExactly(new CustomerRepository.IdRange("C1", "C1"),
				new CustomerRepository.IdRange("C2", "C2"));
	}

	private static List<String> readAll(JdbcCursorItemReader<Customer> reader) throws Exception {
		List<String> ids = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (Customer customer = reader.read(); customer != null; customer = reader.read()) {
				ids.add(customer.id());
			}
		}
		finally {
			reader.close();
		}
		return ids;
	}

	private static Customer customer(String id) {
		return new Customer(id, null, "Anna", "Kowalska", "en", new PostalAddress(null, null, null, null, "GB"), null,
				null, null, BigDecimal.ZERO, "EUR", Set.of(), 0, null, false, false, false, Map.of());
	}

}
