package io.tidings.customer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.csv.CsvHeader;

/**
 * How the columns of a customer file map to customer fields. Loaded from a mapping YAML:
 * <pre>
 * columns:            # field: column header in the file (a field not listed uses its own name)
 *   customer_id: client_no
 * attributes: [trips_12m]   # extra columns kept as free attributes
 * ignore: [notes]           # columns read but not used
 * constants:                # fields the file does not have, the same for every record
 *   country: PT
 * id-from-row: "B%04d"      # the file has no id column: ids from row numbers (line - 1)
 * require-name: true        # false for files without names (scoring data)
 * </pre> The delimiter (comma or semicolon) is read from the header row.
 *
 * @param columns field name to column header
 * @param attributes columns kept as free attributes
 * @param ignore columns that are read but not used
 * @param constants field values for every record
 * @param idFromRow format of ids made from record numbers, when the file has no id column
 * @param requireName whether a record needs a first or last name
 */
record CustomerFileMapping(Map<String, String> columns, List<String> attributes, List<String> ignore,
		Map<String, String> constants, @Nullable String idFromRow, boolean requireName) {

	static final List<String> FIELDS = List.of("customer_id", "salutation", "first_name", "last_name", "language",
			"address_line1", "address_line2", "postcode", "city", "region", "country", "email", "phone", "birth_date",
			"balance", "currency", "holdings", "children", "marital_status", "consent_email", "consent_sms",
			"paperless", "account");

	CustomerFileMapping {
		columns = Map.copyOf(columns);
		attributes = List.copyOf(attributes);
		ignore = List.copyOf(ignore);
		constants = Map.copyOf(constants);
	}

	static CustomerFileMapping identity() {
		return new CustomerFileMapping(Map.of(), List.of(), List.of(), Map.of(), null, true);
	}

	static CustomerFileMapping load(@Nullable Path file) {
		if (file == null) {
			return identity();
		}
		MappingFile parsed = YamlFiles.read(file, MappingFile.class, "mapping.schema.json");
		Map<String, String> columns = (parsed.columns() != null) ? parsed.columns() : Map.of();
		Map<String, String> constants = (parsed.constants() != null) ? parsed.constants() : Map.of();
		for (String field : concat(columns.keySet(), constants.keySet())) {
			if (!FIELDS.contains(field)) {
				throw new InvalidInputException(file,
						YamlFiles.lineOf(file, columns.containsKey(field) ? "columns." + field : "constants." + field),
						field, "unknown customer field; known fields: " + String.join(", ", FIELDS));
			}
		}
		String idFromRow = parsed.idFromRow();
		if (idFromRow != null) {
			try {
				String.format(idFromRow, 1L);
			}
			catch (java.util.IllegalFormatException ex) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "id-from-row"), "id-from-row",
						"'" + idFromRow + "' is not a format for one number, such as B%04d");
			}
		}
		return new CustomerFileMapping(columns, (parsed.attributes() != null) ? parsed.attributes() : List.of(),
				(parsed.ignore() != null) ? parsed.ignore() : List.of(), constants, idFromRow,
				(parsed.requireName() != null) ? parsed.requireName() : true);
	}

	private static List<String> concat(java.util.Collection<String> first, java.util.Collection<String> second) {
		List<String> all = new java.util.ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/**
	 * Resolves a header row: which column index holds which field or attribute.
	 * @throws InvalidInputException for a column the mapping does not know, or a missing
	 * required column
	 */
	HeaderLayout layout(Path file, CsvHeader header) {
		Map<String, String> fieldByColumn = new LinkedHashMap<>();
		for (String field : FIELDS) {
			fieldByColumn.put(this.columns.getOrDefault(field, field), field);
		}
		Map<Integer, String> fields = new LinkedHashMap<>();
		Map<Integer, String> attributeColumns = new LinkedHashMap<>();
		for (int index = 0; index < header.width(); index++) {
			String column = header.columns().get(index);
			// a column listed as an attribute or ignored stays so when a field of its
			// name comes later (region did), unless the mapping maps it to that field
			boolean listed = (this.attributes.contains(column) || this.ignore.contains(column))
					&& !this.columns.containsValue(column);
			if (fieldByColumn.containsKey(column) && !listed) {
				fields.put(index, fieldByColumn.get(column));
			}
			else if (this.attributes.contains(column)) {
				attributeColumns.put(index, column);
			}
			else if (!this.ignore.contains(column)) {
				throw new InvalidInputException(file, 1, column,
						"unknown column; map it to a field, or list it under 'attributes' or 'ignore' in a mapping file (--mapping)");
			}
		}
		if (this.idFromRow == null && !fields.containsValue("customer_id")) {
			throw new InvalidInputException(file, 1, this.columns.getOrDefault("customer_id", "customer_id"),
					"required column is missing (or give id-from-row in the mapping)");
		}
		if (!this.constants.containsKey("country") && !fields.containsValue("country")) {
			throw new InvalidInputException(file, 1, this.columns.getOrDefault("country", "country"),
					"required column is missing (or give a country under constants in the mapping)");
		}
		if (this.requireName && !fields.containsValue("first_name") && !fields.containsValue("last_name")) {
			throw new InvalidInputException(file, 1, "first_name", "a first_name or last_name column is required");
		}
		return new HeaderLayout(header, fields, attributeColumns);
	}

	record HeaderLayout(CsvHeader header, Map<Integer, String> fields, Map<Integer, String> attributes) {
	}

	private record MappingFile(@Nullable Map<String, String> columns, @Nullable List<String> attributes,
			@Nullable List<String> ignore, @Nullable Map<String, String> constants, @Nullable String idFromRow,
			@Nullable Boolean requireName) {
	}

}
