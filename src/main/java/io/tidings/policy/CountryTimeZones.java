package io.tidings.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.util.TimeZone;

/**
 * The time zones a country's customers may live in, from the Unicode CLDR data of ICU4J,
 * unless the job file names the zone of that country. Send windows must be open in every
 * zone of a country, so that no one gets a message at night.
 */
final class CountryTimeZones {

	private final Map<String, ZoneId> overrides;

	private final ZoneId fallback;

	private final Map<String, List<ZoneId>> cache = new ConcurrentHashMap<>();

	/**
	 * @param overrides zone per country code, from the job file
	 * @param fallback zone of countries with no known zone
	 */
	CountryTimeZones(Map<String, ZoneId> overrides, ZoneId fallback) {
		this.overrides = overrides;
		this.fallback = fallback;
	}

	List<ZoneId> zonesOf(String country) {
		String code = country.toUpperCase(Locale.ROOT);
		ZoneId override = this.overrides.get(code);
		if (override != null) {
			return List.of(override);
		}
		return this.cache.computeIfAbsent(code, key -> {
			List<ZoneId> zones = TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, key, null)
				.stream()
				.filter(id -> ZoneId.getAvailableZoneIds().contains(id))
				.map(ZoneId::of)
				.toList();
			return zones.isEmpty() ? List.of(this.fallback) : zones;
		});
	}

}
