package io.tidings.campaign;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The as-of date of a run when the command line gives none: a fixed date
 * ({@code 2026-09-30}), {@code today}, {@code previous-month-end} or
 * {@code previous-quarter-end}.
 */
final class AsOfRule {

	private AsOfRule() {
	}

	static LocalDate resolve(String rule, LocalDate today) {
		return switch (rule) {
			case "today" -> today;
			case "previous-month-end" -> today.withDayOfMonth(1).minusDays(1);
			case "previous-quarter-end" -> {
				int firstMonthOfQuarter = ((today.getMonthValue() - 1) / 3) * 3 + 1;
				yield today.withMonth(firstMonthOfQuarter).withDayOfMonth(1).minusDays(1);
			}
			default -> parse(rule);
		};
	}

	static void check(String rule) {
		resolve(rule, LocalDate.of(2000, 1, 1));
	}

	private static LocalDate parse(String rule) {
		try {
			return LocalDate.parse(rule);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("as-of '" + rule
					+ "' is not a date (yyyy-MM-dd), today, previous-month-end or previous-quarter-end");
		}
	}

}
