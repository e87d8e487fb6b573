package io.tidings.print;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SheetLayoutTests {

	@Test
	void shouldAddABlankBackToADuplexDocumentWithAnOddNumberOfPages() {
		// given
		SheetLayout layout = new SheetLayout(true);
		// when
		SheetLayout.Placement first = layout.next("E-1", 3, true, false);
		SheetLayout.Placement second = layout.next("E-1", 2, true, false);
		// then
		assertThat(first.sides()).containsExactly(side(0, true, 1), side(1, false, 1), side(2, true, 2),
				side(SheetLayout.Side.BLANK, false, 2));
		assertThat(first.firstPage()).isEqualTo(1);
		assertThat(first.lastPage()).isEqualTo(4);
		assertThat(second.firstPage()).as("starts on a front").isEqualTo(5);
		assertThat(second.sides()).containsExactly(side(0, true, 3), side(1, false, 3));
		assertThat(SheetLayout.sheets(3, true, false, true)).isEqualTo(2);
	}

	@Test
	void shouldPrintASimplexDocumentOnFrontsOnlyInADuplexJob() {
		SheetLayout layout = new SheetLayout(true);
		assertThat(layout.next("E-1", 2, false, false).sides()).containsExactly(side(0, true, 1),
				side(SheetLayout.Side.BLANK, false, 1), side(1, true, 2), side(SheetLayout.Side.BLANK, false, 2));
		assertThat(SheetLayout.sheets(2, false, false, true)).isEqualTo(2);
	}

	@Test
	void shouldPutOnePagePerSheetInASimplexJobAndCountSheetsPerEnvelope() {
		SheetLayout layout = new SheetLayout(false);
		assertThat(layout.next("E-1", 2, true, false).sides()).containsExactly(side(0, true, 1), side(1, true, 2));
		assertThat(layout.next("E-2", 1, true, false).sides()).as("a new envelope starts at sheet 1")
			.containsExactly(side(0, true, 1));
		assertThat(SheetLayout.sheets(2, true, false, false)).isEqualTo(2);
	}

	@Test
	void shouldPutACarrierSheetBeforeACopy() {
		SheetLayout layout = new SheetLayout(true);
		List<SheetLayout.Side> sides = layout.next("E-1", 1, true, true).sides();
		assertThat(sides).containsExactly(side(SheetLayout.Side.CARRIER, true, 1),
				side(SheetLayout.Side.BLANK, false, 1), side(0, true, 2), side(SheetLayout.Side.BLANK, false, 2));
		assertThat(SheetLayout.sheets(1, true, true, true)).isEqualTo(2);
	}

	private static SheetLayout.Side side(int content, boolean front, int sheet) {
		return new SheetLayout.Side(content, front, sheet);
	}

}
