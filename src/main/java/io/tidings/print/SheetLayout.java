package io.tidings.print;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the pages of each document fall in a stream, and which sheet of its envelope each
 * page is on. A job is printed duplex when any of its document kinds is: then every page
 * is one side, a duplex document gets a blank back when it has an odd number of pages (so
 * the next document starts on a front side), and a simplex document gets a blank back
 * after every page. A simplex job has one page per sheet. A recipient's copy starts with
 * a carrier sheet. The stream writer and the manifest both lay pages out with this class,
 * so they agree page for page.
 */
final class SheetLayout {

	private final boolean duplexJob;

	private int page;

	private String envelope = "";

	private int sheetInEnvelope;

	SheetLayout(boolean duplexJob) {
		this.duplexJob = duplexJob;
	}

	/**
	 * Sheets a document takes.
	 * @param pages the document's own pages
	 * @param duplex whether the document's kind is printed on both sides
	 * @param copy whether it is a recipient's copy (with a carrier sheet)
	 * @param duplexJob whether the job is printed duplex
	 */
	static int sheets(int pages, boolean duplex, boolean copy, boolean duplexJob) {
		int carrier = copy ? 1 : 0;
		if (!duplexJob || !duplex) {
			return pages + carrier;
		}
		return (pages + 1) / 2 + carrier;
	}

	/**
	 * Lays the next document of a stream out after the previous one.
	 * @param envelopeId its envelope; a new envelope starts at sheet 1
	 * @param pages its own pages
	 * @param duplex whether its kind is printed on both sides
	 * @param copy whether it is a recipient's copy
	 */
	Placement next(String envelopeId, int pages, boolean duplex, boolean copy) {
		if (!envelopeId.equals(this.envelope)) {
			this.envelope = envelopeId;
			this.sheetInEnvelope = 0;
		}
		List<Side> sides = new ArrayList<>();
		if (copy) {
			sides.add(front(Side.CARRIER));
			back(sides, Side.BLANK);
		}
		for (int index = 0; index < pages; index++) {
			boolean backSide = this.duplexJob && duplex && index % 2 == 1;
			if (backSide) {
				back(sides, index);
			}
			else {
				sides.add(front(index));
				if (this.duplexJob && (!duplex || index == pages - 1)) {
					back(sides, Side.BLANK);
				}
			}
		}
		int first = this.page + 1;
		this.page += sides.size();
		return new Placement(first, this.page, List.copyOf(sides));
	}

	private Side front(int content) {
		this.sheetInEnvelope++;
		return new Side(content, true, this.sheetInEnvelope);
	}

	private void back(List<Side> sides, int content) {
		if (this.duplexJob) {
			sides.add(new Side(content, false, this.sheetInEnvelope));
		}
	}

	/**
	 * Pages of one document in the stream.
	 *
	 * @param firstPage first page number in the stream (1-based)
	 * @param lastPage last page number, blank backs included
	 * @param sides what each page shows
	 */
	record Placement(int firstPage, int lastPage, List<Side> sides) {
	}

	/**
	 * One page of the stream.
	 *
	 * @param content page index in the document, or {@link #CARRIER} or {@link #BLANK}
	 * @param front whether it is the front of a sheet (where marks go)
	 * @param sheet the sheet's number in its envelope
	 */
	record Side(int content, boolean front, int sheet) {

		static final int CARRIER = -1;

		static final int BLANK = -2;

	}

}
