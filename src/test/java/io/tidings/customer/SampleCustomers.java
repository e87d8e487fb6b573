package io.tidings.customer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

import io.tidings.BadInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The sample customer file ({@code samples/customers.csv}, its deliberate defects listed
 * in {@code samples/README.md}) and what importing it must leave behind, however it is
 * imported: by the import job in-process, or by the packaged jar's {@code import}.
 */
public final class SampleCustomers {

	/**
	 * The line of each invalid record of the sample file, and the field its reject names
	 * (none for a row with too few columns).
	 */
	public static final Map<Integer, String> INVALID_FIELDS = Map.of(39, "customer_id", 76, "birth_date", 114, "", 154,
			"balance", 192, "country", 229, "last_name");

	private SampleCustomers() {
	}

	/**
	 * Checks the reject file written next to an imported copy of the sample file: every
	 * invalid record once, with its line, the field at fault, a reason and the record as
	 * it was in the file.
	 */
	public static void assertRejectFile(Path customersFile) throws IOException {
		List<String> input = Files.readAllLines(customersFile);
		List<CSVRecord> rejects = BadInput.csv(customersFile.resolveSibling("customers.rejects.csv"));
		assertThat(rejects.get(0).toList()).containsExactly("line", "field", "reason", "record");
		assertThat(rejects.subList(1, rejects.size())).extracting(r -> Integer.parseInt(r.get(0)), r -> r.get(1))
			.containsExactlyInAnyOrderElementsOf(INVALID_FIELDS.entrySet()
				.stream()
				.map(invalid -> tuple(invalid.getKey(), invalid.getValue()))
				.toList());
		for (CSVRecord reject : rejects.subList(1, rejects.size())) {
			int line = Integer.parseInt(reject.get(0));
			assertThat(reject.get(2)).as("reason of line %d", line).isNotBlank();
			assertThat(reject.get(3)).as("record of line %d", line).isEqualTo(input.get(line - 1));
		}
		assertThat(reasonOf(rejects, 114)).contains("expected 24 columns", "found 17");
		assertThat(reasonOf(rejects, 192)).contains("'XX'", "ISO 3166");
	}

	private static String reasonOf(List<CSVRecord> rejects, int line) {
		return rejects.stream().filter(r -> r.get(0).equals(String.valueOf(line))).findFirst().orElseThrow().get(2);
	}

}
