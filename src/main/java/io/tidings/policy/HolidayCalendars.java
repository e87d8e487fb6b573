package io.tidings.policy;

import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * National public holidays per country and year, from the Jollyday library's maintained
 * holiday data. Countries Jollyday has no data for have no public holidays here (the
 * weekday rules still apply to them).
 */
final class HolidayCalendars {

	private static final Set<String> SUPPORTED = HolidayManager.getSupportedCalendarCodes()
		.stream()
		.map(code -> code.toUpperCase(Locale.ROOT))
		.collect(Collectors.toUnmodifiableSet());

	private final Map<String, Map<LocalDate, String>> byCountryAndYear = new ConcurrentHashMap<>();

	/**
	 * The public holiday on a day in a country, by its English name, if the day is one.
	 */
	Optional<String> holiday(String country, LocalDate day) {
		String code = country.toUpperCase(Locale.ROOT);
		if (!SUPPORTED.contains(code)) {
			return Optional.empty();
		}
		return Optional.ofNullable(
				this.byCountryAndYear.computeIfAbsent(code + day.getYear(), key -> load(code, day.getYear())).get(day));
	}

	static boolean knows(String country) {
		return SUPPORTED.contains(country.toUpperCase(Locale.ROOT));
	}

	private static Map<LocalDate, String> load(String country, int year) {
		HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
		return manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)
			.stream()
			.collect(Collectors.toMap(Holiday::getDate, holiday -> holiday.getDescription(Locale.ENGLISH),
					(first, second) -> first + " / " + second));
	}

}
