package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL is a second dependency graph: a table is named in SQL only by the module that owns
 * it, the others go through that module's Java API. Spring Batch's own tables are read
 * only through Spring Batch.
 */
class TableOwnershipTests {

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Path SOURCES = Path.of("src/main/java/io/tidings");

	private static final Map<String, String> OWNERS = Map.ofEntries(entry("customer", "customer"),
			entry("customer_source", "customer"), entry("merge_exclusion", "customer"),
			entry("account_transaction", "customer"), entry("communication", "outbox"),
			entry("delivery_event", "outbox"), entry("bounce_mailbox", "email"), entry("consent_event", "policy"),
			entry("statement_preference_event", "policy"), entry("suppression_entry", "policy"),
			entry("contact_response", "response"), entry("offer_response_score", "offer"),
			entry("product_association", "offer"), entry("propensity_model", "offer"), entry("uplift_model", "offer"),
			entry("print_job", "print"), entry("print_stream", "print"), entry("print_envelope", "print"),
			entry("print_item", "print"), entry("print_reprint", "print"), entry("run_audience", "campaign"),
			entry("statement_number", "campaign"), entry("privacy_action", "privacy"), entry("console_audit", "audit"),
			entry("console_schedule", "schedule"), entry("shedlock", "schedule"));

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

	private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

	private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");

	private static final Pattern TABLE_REFERENCE = Pattern
		.compile("(?i)\\b(?:from|join|into|update|table|exists)\\s+([a-z_][a-z0-9_]*)");

	@Test
	void everyTableHasAnOwningModule() {
		Set<String> created = createdTables();
		assertThat(created).as("tables created by the migrations").isNotEmpty();
		assertThat(OWNERS.keySet()).as("owners named for every table of ours")
			.containsAll(created.stream().filter((table) -> !isSpringBatchTable(table)).toList());
	}

	@Test
	void eachTableIsNamedInSqlOnlyByItsOwningModule() {
		Set<String> created = createdTables();
		List<String> trespasses = new ArrayList<>();
		for (Path source : javaSources()) {
			Path relative = SOURCES.relativize(source);
			String module = (relative.getNameCount() > 1) ? relative.getName(0).toString() : "the kernel";
			for (String table : tablesNamedIn(read(source))) {
				if (!created.contains(table)) {
					continue;
				}
				String owner = isSpringBatchTable(table) ? "Spring Batch" : OWNERS.get(table);
				if (!module.equals(owner)) {
					trespasses.add(source + " names " + table + " (owned by " + owner + ")");
				}
			}
		}
		assertThat(trespasses).as("SQL naming another module's table").isEmpty();
	}

	@Test
	void findsTheTablesThatCodeNamesInStringsNotInComments() {
		String code = """
				// select * from customer
				String sql = \"""
				    select c.id from communication c
				    join run_audience a on a.customer_id = c.customer_id\""";
				String other = "insert into print_job (id) values (?)";
				""";
		assertThat(tablesNamedIn(code)).containsExactlyInAnyOrder("communication", "run_audience", "print_job");
	}

	private static Set<String> tablesNamedIn(String javaSource) {
		Set<String> tables = new TreeSet<>();
		StringBuilder rest = new StringBuilder();
		Matcher textBlocks = TEXT_BLOCK.matcher(javaSource);
		while (textBlocks.find()) {
			collectTables(textBlocks.group(1), tables);
			textBlocks.appendReplacement(rest, "\"\"");
		}
		textBlocks.appendTail(rest);
		String withoutComments = rest.toString().replaceAll("(?m)^\\s*(//|\\*|/\\*).*$", "");
		Matcher literals = STRING_LITERAL.matcher(withoutComments);
		while (literals.find()) {
			collectTables(literals.group(1), tables);
		}
		return tables;
	}

	private static void collectTables(String text, Set<String> tables) {
		Matcher references = TABLE_REFERENCE.matcher(text);
		while (references.find()) {
			tables.add(references.group(1).toLowerCase());
		}
	}

	private static boolean isSpringBatchTable(String table) {
		return table.startsWith("batch_");
	}

	private static Set<String> createdTables() {
		Set<String> tables = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			files.filter((file) -> file.toString().endsWith(".sql")).forEach((file) -> {
				Matcher matcher = CREATE_TABLE.matcher(read(file));
				while (matcher.find()) {
					tables.add(matcher.group(1).toLowerCase());
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tables;
	}

	private static List<Path> javaSources() {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
