package io.tidings.customer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.csv.CsvHeader;
import io.tidings.csv.XlsxSheet;

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
 * encoding: windows-1252    # of a CSV file (default UTF-8); --encoding wins
 * separator: tab            # of a CSV file: tab, pipe, comma, semicolon or a character; --separator wins
 * sheet: Customers          # of an XLSX file: its name or number (default the first); --sheet wins
 * formats:                  # how a field's (or attribute's) values are written, when not as Tidings reads them
 *   consent_email:
 *     values: {"Y": true, "N": false}    # value map: any other value is rejected
 *   birth_date:
 *     date-format: [dd/MM/yyyy, d.M.yyyy] # java.time patterns, tried in order
 *   balance:
 *     decimal: comma                      # 1.234,56
 * </pre> Without a separator, the delimiter (comma or semicolon) is read from the header
 * row, and a {@code .tsv} file is tab-separated.
 *
 * @param columns field name to column header
 * @param attributes columns kept as free attributes
 * @param ignore columns that are read but not used
 * @param constants field values for every record
 * @param idFromRow format of ids made from record numbers, when the file has no id column
 * @param requireName whether a record needs a first or last name
 * @param encoding the encoding of a CSV file, when not UTF-8
 * @param separator the delimiter of a CSV file, as named in the file
 * @param sheet the sheet of an XLSX file, by name or number
 * @param formats how the values of a field or attribute are written, by its name
 */
record CustomerFileMapping(Map<String, String> columns, List<String> attributes, List<String> ignore,
		Map<String, String> constants, @Nullable String idFromRow, boolean requireName, @Nullable String encoding,
		@Nullable String separator, @Nullable String sheet, Map<String, ColumnFormat> formats) {

	static final List<String> FIELDS = List.of("customer_id", "salutation", "first_name", "last_name", "language",
			"address_line1", "address_line2", "postcode", "city", "region", "country", "email", "phone", "birth_date",
			"balance", "currency", "holdings", "children", "marital_status", "consent_email", "consent_sms",
			"paperless", "account");

	CustomerFileMapping {
		columns = Map.copyOf(columns);
		attributes = List.copyOf(attributes);
		ignore = List.copyOf(ignore);
		constants = Map.copyOf(constants);
		formats = Map.copyOf(formats);
	}

	static CustomerFileMapping identity() {
		return new CustomerFileMapping(Map.of(), List.of(), List.of(), Map.of(), null, true, null, null, null,
				Map.of());
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
		List<String> attributes = (parsed.attributes() != null) ? parsed.attributes() : List.of();
		String encoding = parsed.encoding();
		if (encoding != null) {
			charset(encoding, () -> new InvalidInputException(file, YamlFiles.lineOf(file, "encoding"), "encoding",
					"'" + encoding + "' is not an encoding Java knows, such as UTF-8, windows-1252 or ISO-8859-15"));
		}
		String separator = parsed.separator();
		if (separator != null) {
			try {
				CsvHeader.delimiter(separator);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "separator"), "separator",
						ex.getMessage());
			}
		}
		return new CustomerFileMapping(columns, attributes, (parsed.ignore() != null) ? parsed.ignore() : List.of(),
				constants, idFromRow, (parsed.requireName() != null) ? parsed.requireName() : true, encoding, separator,
				parsed.sheet(), formats(file, parsed.formats(), attributes));
	}

	private static Map<String, ColumnFormat> formats(Path file, @Nullable Map<String, FormatEntry> entries,
			List<String> attributes) {
		Map<String, ColumnFormat> formats = new LinkedHashMap<>();
		if (entries == null) {
			return formats;
		}
		entries.forEach((name, entry) -> {
			if (!FIELDS.contains(name) && !attributes.contains(name)) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "formats." + name), name,
						"neither a customer field nor a column listed under attributes");
			}
			Map<String, String> values = new LinkedHashMap<>();
			if (entry.values() != null) {
				entry.values().forEach((value, meaning) -> values.put(value, String.valueOf(meaning)));
			}
			String decimal = (entry.decimal() != null) ? entry.decimal() : "point";
			if (!decimal.equals("comma") && !decimal.equals("point")) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "formats." + name + ".decimal"), name,
						"decimal is comma or point, not '" + decimal + "'");
			}
			try {
				formats.put(name, new ColumnFormat(values,
						(entry.dateFormat() != null) ? entry.dateFormat() : List.of(), decimal.equals("comma")));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(file, YamlFiles.lineOf(file, "formats." + name + ".date-format"), name,
						"not a java.time date pattern such as dd/MM/yyyy: " + ex.getMessage());
			}
		});
		return formats;
	}

	/**
	 * How a customer file is read: the options the user gave win over the mapping.
	 * @throws InvalidInputException for an encoding or separator that is not one
	 */
	InputFormat inputFormat(Path file, ImportOptions options) {
		String encoding = (options.encoding() != null) ? options.encoding() : this.encoding;
		String separator = (options.separator() != null) ? options.separator() : this.separator;
		Charset charset = (encoding != null)
				? charset(encoding,
						() -> new InvalidInputException("--encoding: '" + encoding
								+ "' is not an encoding Java knows, such as UTF-8, windows-1252 or ISO-8859-15"))
				: StandardCharsets.UTF_8;
		Character delimiter;
		try {
			delimiter = (separator != null) ? CsvHeader.delimiter(separator) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("--separator: " + ex.getMessage());
		}
		return new InputFormat(XlsxSheet.isWorkbook(file), charset, delimiter,
				(options.sheet() != null) ? options.sheet() : this.sheet);
	}

	static Charset charset(String name, java.util.function.Supplier<InvalidInputException> unknown) {
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			throw unknown.get();
		}
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

	/**
	 * How a customer file is read.
	 *
	 * @param workbook whether it is an XLSX workbook
	 * @param charset the encoding of a CSV file
	 * @param delimiter the delimiter of a CSV file, or {@code null} to read it from the
	 * header row
	 * @param sheet the sheet of a workbook, or {@code null} for the first
	 */
	record InputFormat(boolean workbook, Charset charset, @Nullable Character delimiter, @Nullable String sheet) {
	}

	/**
	 * The mapping file's keys. {@code encoding}, {@code separator} and {@code sheet} say
	 * how the customer file is read (the command line's {@code --encoding},
	 * {@code --separator} and {@code --sheet} win over them); {@code formats} holds a
	 * {@link FormatEntry} by field or attribute name.
	 */
	private record MappingFile(@Nullable Map<String, String> columns, @Nullable List<String> attributes,
			@Nullable List<String> ignore, @Nullable Map<String, String> constants, @Nullable String idFromRow,
			@Nullable Boolean requireName, @Nullable String encoding, @Nullable String separator,
			@Nullable String sheet, @Nullable Map<String, FormatEntry> formats) {
	}

	/**
	 * One entry under {@code formats:}, all keys optional.
	 *
	 * @param values {@code values:} a map from the file's values to Tidings' ({@code "Y":
	 * true}); a value not in it is rejected
	 * @param dateFormat {@code date-format:} a list of {@code java.time} patterns
	 * ({@code [dd/MM/yyyy, d.M.yyyy]}), or one, tried in order
	 * @param decimal {@code decimal:} {@code comma} for numbers written 1.234,56, or
	 * {@code point} (the default)
	 */
	private record FormatEntry(@Nullable Map<String, Object> values,
			@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> dateFormat,
			@Nullable String decimal) {
	}

}
