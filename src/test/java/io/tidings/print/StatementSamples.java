package io.tidings.print;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tidings.customer.PostalAddress;
import io.tidings.outbox.Channel;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.DocumentModel;

/**
 * Data models of one-page statements for synthetic customers, the way the campaign run
 * builds them: names and addresses in Latin, Greek, Cyrillic and Chinese script, and a
 * table of transactions.
 */
public final class StatementSamples {

	public static final Path TEMPLATES = Path.of("templates").toAbsolutePath();

	static final String TEMPLATE = "statement/statement.ftlh";

	private static final String[][] PEOPLE = {
			{ "en", "GB", "Ms", "Zoë", "Brontë-Smith", "1 High Street", "SW1A 1AA", "London" },
			{ "pt", "PT", "Sr", "João", "Magalhães", "Avenida da Liberdade 201", "1250-143", "Lisboa" },
			{ "el", "GR", "Κος", "Γιώργος", "Παπαδόπουλος", "Οδός Ερμού 25", "105 63", "Αθήνα" },
			{ "uk", "UA", "Пані", "Олена", "Шевченко", "вул. Хрещатик 22", "01001", "Київ" },
			{ "zh", "CN", "", "小明", "王", "浦东新区世纪大道180号", "200120", "上海市" },
			{ "de", "DE", "Herr", "Jürgen", "Groß", "Königsallee 12", "40212", "Düsseldorf" } };

	private StatementSamples() {
	}

	static String[] person(int index) {
		return PEOPLE[index % PEOPLE.length];
	}

	static String fullName(int index) {
		String[] p = person(index);
		return "zh".equals(p[0]) ? p[4] + p[3] : p[3] + " " + p[4];
	}

	public static String customerId(int index) {
		return String.format(Locale.ROOT, "B%07d", index);
	}

	public static DocumentModel statement(int index, int rows) {
		String[] p = person(index);
		Map<String, Object> address = new HashMap<>();
		address.put("line1", p[5]);
		address.put("line2", "");
		address.put("postcode", p[6]);
		address.put("city", p[7]);
		address.put("country", p[1]);
		address.put("countryName", new Locale("", p[1]).getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT));
		String recipient = (p[2].isEmpty() || "zh".equals(p[0])) ? fullName(index) : p[2] + " " + fullName(index);
		address.put("lines",
				PrintSettings.defaults()
					.addressFormat()
					.lines(recipient, new PostalAddress(p[5], null, p[6], p[7], p[1])));
		Map<String, Object> customer = new HashMap<>();
		customer.put("id", customerId(index));
		customer.put("salutation", p[2]);
		customer.put("firstName", p[3]);
		customer.put("lastName", p[4]);
		customer.put("fullName", fullName(index));
		customer.put("language", p[0]);
		customer.put("email", "");
		customer.put("phone", "");
		customer.put("address", address);
		customer.put("balance", new BigDecimal("1234.56"));
		customer.put("currency", "EUR");
		List<Map<String, Object>> lines = new ArrayList<>();
		BigDecimal opening = new BigDecimal("1334.56");
		BigDecimal balance = opening;
		BigDecimal credits = BigDecimal.ZERO;
		BigDecimal debits = BigDecimal.ZERO;
		for (int row = 0; row < rows; row++) {
			BigDecimal amount = new BigDecimal("-12.34").add(BigDecimal.valueOf(row));
			balance = balance.add(amount);
			credits = (amount.signum() >= 0) ? credits.add(amount) : credits;
			debits = (amount.signum() < 0) ? debits.add(amount) : debits;
			lines.add(Map.of("date", "2026-09-" + String.format(Locale.ROOT, "%02d", 1 + row % 28), "description",
					"Card payment " + (row + 1) + " – Supermarket", "amount", amount, "currency", "EUR", "balance",
					balance));
		}
		Map<String, Object> statement = new HashMap<>();
		statement.put("account", "PT•• •••• •••• •••• •••• •154 13");
		statement.put("accountIsIban", true);
		statement.put("number", String.valueOf(1 + index % 12));
		statement.put("date", "30 September 2026");
		statement.put("periodStart", "1 July 2026");
		statement.put("periodEnd", "30 September 2026");
		statement.put("transactions", lines);
		statement.put("credits", credits);
		statement.put("debits", debits);
		statement.put("openingBalance", opening);
		statement.put("closingBalance", balance);
		Map<String, Object> values = new HashMap<>();
		values.put("customer", customer);
		values.put("document", Map.of("language", p[0], "languageSource", "customer's"));
		values.put("sender",
				Map.of("name", "Tidings Bank", "address", List.of("Praça do Comércio 1", "1100-148 Lisboa"), "phone",
						"+351 210 000 000", "website", "bank.example"));
		values.put("campaign", Map.of("name", "bench", "runKey", "2026-09-30", "asOf", "30 September 2026"));
		values.put("communication", Map.of("id", id(index).value(), "kind", "STATEMENT", "channel", "PRINT"));
		values.put("statement", statement);
		return new DocumentModel(TEMPLATES, TEMPLATE, Locale.forLanguageTag(p[0] + "-" + p[1]), values, Map.of());
	}

	public static CommunicationId id(int index) {
		return CommunicationId.of("bench", "2026-09-30", customerId(index), Channel.PRINT, DocumentKind.STATEMENT);
	}

}
