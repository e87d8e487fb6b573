package io.tidings.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the archive a document is, as the ledger records it: a file of its own
 * ({@code ab/ab12….pdf}), or pages of a file it shares with the documents laid out with
 * it ({@code ab/ab12….batch.pdf#pages=3-4}, 1-based and inclusive, as PDF viewers number
 * pages).
 *
 * @param file the file, relative to the archive root
 * @param firstPage the document's first page in the file (0-based), or -1 for a file of
 * its own
 * @param pages its page count in the file, or -1 for a file of its own
 */
record ArchiveLocation(String file, int firstPage, int pages) {

	private static final Pattern PAGES = Pattern.compile("(.+)#pages=(\\d+)-(\\d+)");

	static ArchiveLocation parse(String location) {
		Matcher matcher = PAGES.matcher(location);
		if (!matcher.matches()) {
			return new ArchiveLocation(location, -1, -1);
		}
		int first = Integer.parseInt(matcher.group(2));
		int last = Integer.parseInt(matcher.group(3));
		if (first < 1 || last < first) {
			throw new IllegalArgumentException("Not a page range of the archive: " + location);
		}
		return new ArchiveLocation(matcher.group(1), first - 1, last - first + 1);
	}

	static String of(String file, int firstPage, int pages) {
		return file + "#pages=" + (firstPage + 1) + "-" + (firstPage + pages);
	}

	boolean shared() {
		return this.firstPage >= 0;
	}

}
