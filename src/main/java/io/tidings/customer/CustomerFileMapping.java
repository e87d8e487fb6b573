package io.tidings.customer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;

/**
 * How the columns of a customer file map to customer fields. Loaded from a mapping YAML:
 * <pre>
 * columns:            # field: column header in the file (a field not listed uses its own name)
 *   customer_id: client_no
 * attributes: [trips_12m]   # extra columns kept as free attributes
 * ignore: [notes]           # columns read but not used
 * </pre>
 *
 * @param columns field name to column header
 * @param attributes columns kept as free attributes
 * @param ignore columns that are read but not used
 */
record CustomerFileMapping(Map<String, String> columns, List<String> attributes, List<String> ignore) {

	static final List<String> FIELDS = List.of("customer_id", "salutation", "first_name", "last_name", "language",
			"address_line1", "address_line2", "postcode", "city", "country", "email", "phone", "birth_date", "balance",
			"currency", "holdings", "children", "marital_status", "consent_email", "consent_sms", "paperless");

	static final Set<String> REQUIRED = Set.of("customer_id", "country");

	CustomerFileMapping {
		columns = Map.copyOf(columns);
		attributes = List.copyOf(attributes);
		ignore = List.copyOf(ignore);
	}

	static CustomerFileMapping identity() {
		return new CustomerFileMapping(Map.of(), List.of(), List.of());
	}

	static CustomerFileMapping load(@Nullable Path file) {
		if (file == null) {
			return identity();
		}
		MappingFile parsed = YamlFiles.read(file, MappingFile.class);
		Map<String, String> columns = (parsed.columns() != null) ? parsed.columns() : Map.of();
		for (String field : columns.keySet()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidInputException(file, "unknown customer field '" + field
						+ "' in columns; known fields: " + String.join(", ", FIELDS));
			}
		}
		return new CustomerFileMapping(columns, (parsed.attributes() != null) ? parsed.attributes() : List.of(),
				(parsed.ignore() != null) ? parsed.ignore() : List.of());
	}

	/**
	 * Resolves a header row: which column index holds which field or attribute.
	 * @throws InvalidInputException for a column the mapping does not know, or a missing
	 * required column
	 */
	HeaderLayout layout(Path file, List<String> header) {
		Map<String, String> fieldByColumn = new LinkedHashMap<>();
		for (String field : FIELDS) {
			fieldByColumn.put(this.columns.getOrDefault(field, field), field);
		}
		Map<Integer, String> fields = new LinkedHashMap<>();
		Map<Integer, String> attributeColumns = new LinkedHashMap<>();
		for (int index = 0; index < header.size(); index++) {
			String column = header.get(index).strip();
			if (fieldByColumn.containsKey(column)) {
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
		for (String required : REQUIRED) {
			if (!fields.containsValue(required)) {
				throw new InvalidInputException(file, 1, this.columns.getOrDefault(required, required),
						"required column is missing");
			}
		}
		if (!fields.containsValue("first_name") && !fields.containsValue("last_name")) {
			throw new InvalidInputException(file, 1, "first_name", "a first_name or last_name column is required");
		}
		return new HeaderLayout(header.size(), fields, attributeColumns);
	}

	record HeaderLayout(int width, Map<Integer, String> fields, Map<Integer, String> attributes) {
	}

	private record MappingFile(@Nullable Map<String, String> columns, @Nullable List<String> attributes,
			@Nullable List<String> ignore) {
	}

}
