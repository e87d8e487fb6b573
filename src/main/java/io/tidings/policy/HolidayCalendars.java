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

import io.tidings.ApplicationThreads;

/**
 * National public holidays per country and year, from the Jollyday library's maintained
 * holiday data. Countries Jollyday has no data for have no public holidays here (the
 * weekday rules still apply to them).
 * <p>
 * Jollyday finds its holiday data through a {@link java.util.ServiceLoader} once per JVM,
 * on the first call, and publishes the list of data sources before filling it: a second
 * thread arriving meanwhile sees none ("Cannot instantiate datasource instance because
 * there is no implementations"), and a first call on a thread whose context class loader
 * cannot see the packaged jar's libraries leaves it empty for good. So the data sources
 * are found while this class initialises (once, before any thread can use it), with the
 * application's class loader, and calendars are read one at a time.
 */
final class HolidayCalendars {

	private static final Set<String> SUPPORTED = ApplicationThreads.withApplicationClassLoader(() -> {
		// any calendar: the first one makes Jollyday find its data sources
		HolidayManager.getInstance(ManagerParameters.create("pt"));
		return HolidayManager.getSupportedCalendarCodes()
			.stream()
			.map(code -> code.toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	});

	private static final Object JOLLYDAY = new Object();

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
		synchronized (JOLLYDAY) {
			return ApplicationThreads.withApplicationClassLoader(
					() -> HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)))
						.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)
						.stream()
						.collect(Collectors.toMap(Holiday::getDate, holiday -> holiday.getDescription(Locale.ENGLISH),
								(first, second) -> first + " / " + second)));
		}
	}

}
