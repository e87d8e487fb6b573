package io.tidings.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds customers the way a call-centre agent asks for them: by id, source id, email,
 * phone number in any common notation, or part of a name.
 */
@Component
public class CustomerSearch {

	private final CustomerRepository customers;

	private final JdbcClient jdbc;

	CustomerSearch(CustomerRepository customers, DataSource dataSource) {
		this.customers = customers;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Customers whose id, source id, email, phone or name matches, at most {@code limit}.
	 */
	public List<Customer> find(String query, int limit) {
		String text = query.strip();
		if (text.isEmpty()) {
			return List.of();
		}
		Set<String> ids = new LinkedHashSet<>();
		this.customers.findById(text).ifPresent((customer) -> ids.add(customer.id()));
		this.customers.findIdBySource(text).ifPresent(ids::add);
		if (text.contains("@")) {
			ids.addAll(this.customers.findIdsByEmail(text));
		}
		String digits = text.replaceAll("[\\s().-]", "");
		if (digits.matches("\\+?\\d{4,}")) {
			String national = digits.startsWith("00") ? digits.substring(2) : digits.replaceFirst("^\\+", "");
			ids.addAll(this.jdbc.sql("SELECT customer_id FROM customer WHERE phone LIKE ? ORDER BY customer_id")
				.param("%" + national.replaceFirst("^0", ""))
				.query(String.class)
				.list());
		}
		if (ids.size() < limit && text.length() >= 2 && !text.contains("@")) {
			String like = "%"
					+ text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			ids.addAll(this.jdbc.sql("""
					SELECT customer_id FROM customer
					WHERE LOWER(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) LIKE ? ESCAPE '\\'
					OR LOWER(COALESCE(last_name, '') || ' ' || COALESCE(first_name, '')) LIKE ? ESCAPE '\\'
					OR LOWER(COALESCE(email, '')) LIKE ? ESCAPE '\\'
					ORDER BY last_name, first_name, customer_id FETCH FIRST %d ROWS ONLY""".formatted(limit))
				.params(like, like, like)
				.query(String.class)
				.list());
		}
		List<Customer> found = new ArrayList<>();
		for (String id : ids) {
			if (found.size() >= limit) {
				break;
			}
			this.customers.findById(id).ifPresent(found::add);
		}
		return found;
	}

}
