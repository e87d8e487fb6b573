package io.tidings.campaign;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AsOfRuleTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Test
	void shouldResolveRelativeRules() {
		assertThat(AsOfRule.resolve("today", TODAY)).isEqualTo(TODAY);
		assertThat(AsOfRule.resolve("previous-month-end", TODAY)).isEqualTo(LocalDate.of(2026, 10, 31));
		assertThat(AsOfRule.resolve("previous-quarter-end", TODAY)).isEqualTo(LocalDate.of(2026, 9, 30));
		assertThat(AsOfRule.resolve("previous-quarter-end", LocalDate.of(2026, 1, 2)))
			.isEqualTo(LocalDate.of(2025, 12, 31));
		assertThat(AsOfRule.resolve("2026-06-30", TODAY)).isEqualTo(LocalDate.of(2026, 6, 30));
	}

	@Test
	void shouldRejectAnythingElse() {
		assertThatIllegalArgumentException().isThrownBy(() -> AsOfRule.check("last-week"));
	}

}
