package io.tidings.customer;

import org.jspecify.annotations.Nullable;

/**
 * How to read a customer file, as the user gave it on the command line; each wins over
 * the same key of the mapping file, and {@code null} leaves it to the mapping file or the
 * default.
 *
 * @param encoding the encoding of a CSV file (also of the transaction file), any name
 * Java knows ({@code windows-1252}, {@code ISO-8859-15}); UTF-8 by default
 * @param separator the delimiter of a CSV file (also of the transaction file):
 * {@code tab}, {@code pipe}, {@code comma}, {@code semicolon} or the character
 * @param sheet the sheet of an XLSX file, by name or number (1 for the first)
 */
public record ImportOptions(@Nullable String encoding, @Nullable String separator, @Nullable String sheet) {

	/** Everything from the mapping file or the defaults. */
	public static final ImportOptions NONE = new ImportOptions(null, null, null);

}
