package io.tidings.campaign;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.tidings.TestCampaigns;

/**
 * Writes N synthetic customers and their account transactions in the format of
 * {@code samples/customers.csv} and {@code samples/transactions.csv}, drawn from the
 * sample's valid rows: each customer takes the language, country, address, holdings,
 * consents and transactions of a sample customer, a first and a last name of another two
 * customers of the same language (Latin with diacritics, Greek, Cyrillic, Chinese), and a
 * house number, birth date, email address and phone number of its own, so that no two are
 * merged as the same person.
 */
public final class SyntheticCustomers {

	private static final Path SAMPLES = TestCampaigns.PROJECT.resolve("samples");

	/** Sample rows with defects (see samples/README.md) and duplicates are not drawn. */
	private static final Set<String> DEFECTIVE = Set.of("", "C000073", "C000186", "C000222", "C000042", "C000084",
			"C000099", "C000126", "C000142", "C000198");

	private SyntheticCustomers() {
	}

	/**
	 * Writes {@code customers.csv} and {@code transactions.csv} into the folder.
	 * @return the customers file (the transactions file is beside it)
	 */
	public static Path write(int customers, Path folder) throws IOException {
		return write(1, customers, folder, new Random(customers));
	}

	/**
	 * Writes customers numbered from {@code first} on (ids {@code S<first>...}), drawn as
	 * by {@link #write(int, Path)}: a next batch for a base written before.
	 * @return the customers file (the transactions file is beside it)
	 */
	public static Path write(int first, int customers, Path folder) throws IOException {
		return write(first, customers, folder, new Random(first * 31L + customers));
	}

	private static Path write(int first, int customers, Path folder, Random random) throws IOException {
		Files.createDirectories(folder);
		List<String> lines = Files.readAllLines(SAMPLES.resolve("customers.csv"));
		String header = lines.get(0);
		int width = header.split(",", -1).length;
		List<String[]> rows = lines.subList(1, lines.size())
			.stream()
			.filter(line -> !line.contains("\""))
			.map(line -> line.split(",", -1))
			.filter(row -> row.length == width && row[0].startsWith("C0") && !DEFECTIVE.contains(row[0]))
			.toList();
		Map<String, List<String[]>> byLanguage = rows.stream().collect(Collectors.groupingBy(row -> row[4]));
		Map<String, List<String[]>> transactions = Files.readAllLines(SAMPLES.resolve("transactions.csv"))
			.stream()
			.skip(1)
			.map(line -> line.split(",", -1))
			.collect(Collectors.groupingBy(row -> row[1]));
		Path file = folder.resolve("customers.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file);
				BufferedWriter booked = Files.newBufferedWriter(folder.resolve("transactions.csv"))) {
			out.write(header + "\n");
			booked.write("transaction_id,customer_id,booked_on,description,amount,currency\n");
			// a sample customer has at most 8 transactions: a batch's ids follow the
			// base's
			long transactionId = (first - 1) * 10L;
			for (int index = first; index < first + customers; index++) {
				String[] sample = rows.get(random.nextInt(rows.size()));
				List<String[]> sameLanguage = byLanguage.get(sample[4]);
				String[] row = sample.clone();
				String id = String.format(Locale.ROOT, "S%07d", index);
				row[0] = id;
				row[2] = sameLanguage.get(random.nextInt(sameLanguage.size()))[2];
				row[3] = sameLanguage.get(random.nextInt(sameLanguage.size()))[3];
				row[5] = row[5].replaceFirst("\\d+", String.valueOf(1 + random.nextInt(400)));
				row[10] = row[10].isEmpty() ? "" : "customer" + index + "@example.com";
				row[11] = row[11].startsWith("+") && row[11].length() > 9 ? row[11].substring(0, row[11].length() - 6)
						+ String.format(Locale.ROOT, "%06d", index % 1_000_000) : "";
				row[12] = LocalDate.of(1941, 1, 1).plusDays(random.nextInt(365 * 66)).toString();
				out.write(String.join(",", row) + "\n");
				for (String[] transaction : transactions.getOrDefault(sample[0], new ArrayList<>())) {
					String[] copy = transaction.clone();
					copy[0] = String.format(Locale.ROOT, "X%09d", ++transactionId);
					copy[1] = id;
					booked.write(String.join(",", copy) + "\n");
				}
			}
		}
		return file;
	}

}
