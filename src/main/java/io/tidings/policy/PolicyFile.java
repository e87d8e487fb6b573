package io.tidings.policy;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.InvalidInputException;
import io.tidings.YamlFiles;
import io.tidings.outbox.Channel;

/**
 * The {@code policy} section of a job file as written, before it is checked. Settings
 * that contradict themselves (a cap of 0, a send window that never opens, an unknown
 * country) are refused naming the file, line and key.
 *
 * @param channels channel costs, tier order and tier attribute
 * @param calendar weekdays to avoid and public holidays
 * @param sendWindows local hours per electronic channel ({@code "08:00-20:00"})
 * @param frequencyCaps caps per customer
 * @param capacity daily capacity of the campaign
 * @param maxDeferralDays days a communication may be deferred at most
 * @param timeZones zone per country code
 * @param requireApproval whether a real run needs an approved dry run
 */
public record PolicyFile(@Nullable ChannelsEntry channels, @Nullable CalendarEntry calendar,
		@Nullable Map<String, String> sendWindows, @Nullable List<CapEntry> frequencyCaps,
		@Nullable CapacityEntry capacity, @Nullable Integer maxDeferralDays, @Nullable Map<String, String> timeZones,
		@Nullable Boolean requireApproval) {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	/**
	 * @param cost cost per message by channel
	 * @param tiers channel order by value tier
	 */
	public record ChannelsEntry(@Nullable Map<String, Double> cost, @Nullable Map<String, List<String>> tiers) {
	}

	/**
	 * @param avoidWeekdays weekday names
	 * @param publicHolidays whether public holidays are avoided
	 */
	public record CalendarEntry(@Nullable List<String> avoidWeekdays, @Nullable Boolean publicHolidays) {
	}

	/**
	 * @param channel {@code all} (default), {@code print}, {@code email} or {@code sms}
	 * @param max most contacts per period
	 * @param per {@code week}, {@code month} or {@code N days}
	 */
	public record CapEntry(@Nullable String channel, @Nullable Integer max, @Nullable String per) {
	}

	/**
	 * @param perDay most contacts a day
	 * @param responsesPerDay responses the call centre can answer a day
	 * @param responseRate expected response rate (0 to 1)
	 */
	public record CapacityEntry(@Nullable Long perDay, @Nullable Long responsesPerDay, @Nullable Double responseRate) {
	}

	/**
	 * Checks the section and turns it into a policy.
	 * @param file the job file, for error messages
	 * @throws InvalidInputException naming file, line and key of a bad setting
	 */
	public ContactPolicy toPolicy(Path file) {
		return new ContactPolicy(true, channels(file), calendar(file), sendWindows(file), caps(file), capacity(file),
				maxDeferralDays(file), timeZones(file), Boolean.TRUE.equals(this.requireApproval));
	}

	private ContactPolicy.Channels channels(Path file) {
		if (this.channels == null) {
			return ContactPolicy.Channels.DEFAULT;
		}
		Map<Channel, Double> cost = new EnumMap<>(ContactPolicy.Channels.DEFAULT.cost());
		if (this.channels.cost() != null) {
			for (Map.Entry<String, Double> entry : this.channels.cost().entrySet()) {
				Channel channel = channel(file, "policy.channels.cost", entry.getKey());
				if (entry.getValue() == null || entry.getValue() < 0) {
					throw invalid(file, "policy.channels.cost." + entry.getKey(), "a cost must be 0 or more");
				}
				cost.put(channel, entry.getValue());
			}
		}
		Map<String, List<Channel>> tiers = new LinkedHashMap<>();
		if (this.channels.tiers() != null) {
			for (Map.Entry<String, List<String>> entry : this.channels.tiers().entrySet()) {
				String key = "policy.channels.tiers." + entry.getKey();
				if (entry.getValue() == null || entry.getValue().isEmpty()) {
					throw invalid(file, key, "a tier needs at least one channel");
				}
				List<Channel> order = new ArrayList<>();
				for (String name : entry.getValue()) {
					Channel channel = channel(file, key, name);
					if (order.contains(channel)) {
						throw invalid(file, key, "channel " + name + " is listed twice");
					}
					order.add(channel);
				}
				tiers.put(entry.getKey(), order);
			}
		}
		return new ContactPolicy.Channels(cost, tiers);
	}

	private ContactPolicy.Calendar calendar(Path file) {
		Set<DayOfWeek> avoid = EnumSet.of(DayOfWeek.SATURDAY);
		boolean holidays = true;
		if (this.calendar != null) {
			if (this.calendar.avoidWeekdays() != null) {
				avoid = EnumSet.noneOf(DayOfWeek.class);
				for (String day : this.calendar.avoidWeekdays()) {
					try {
						avoid.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)));
					}
					catch (IllegalArgumentException ex) {
						throw invalid(file, "policy.calendar.avoid-weekdays",
								"'" + day + "' is not a weekday (monday ... sunday)");
					}
				}
				if (avoid.size() == 7) {
					throw invalid(file, "policy.calendar.avoid-weekdays",
							"every weekday is avoided: nothing could drop");
				}
			}
			if (this.calendar.publicHolidays() != null) {
				holidays = this.calendar.publicHolidays();
			}
		}
		return new ContactPolicy.Calendar(avoid, holidays);
	}

	private Map<Channel, ContactPolicy.SendWindow> sendWindows(Path file) {
		if (this.sendWindows == null) {
			return Map.of(Channel.SMS, new ContactPolicy.SendWindow(LocalTime.of(8, 0), LocalTime.of(20, 0)));
		}
		Map<Channel, ContactPolicy.SendWindow> windows = new EnumMap<>(Channel.class);
		for (Map.Entry<String, String> entry : this.sendWindows.entrySet()) {
			String key = "policy.send-windows." + entry.getKey();
			Channel channel = channel(file, "policy.send-windows", entry.getKey());
			if (channel == Channel.PRINT) {
				throw invalid(file, key, "print has no send window (the calendar decides its drop days)");
			}
			String text = String.valueOf(entry.getValue()).strip();
			String[] hours = text.split("\\s*-\\s*");
			LocalTime opens;
			LocalTime closes;
			try {
				if (hours.length != 2) {
					throw new DateTimeParseException("", text, 0);
				}
				opens = LocalTime.parse(hours[0]);
				closes = LocalTime.parse(hours[1]);
			}
			catch (DateTimeParseException ex) {
				throw invalid(file, key, "'" + text + "' is not a window of local hours like 08:00-20:00");
			}
			if (!opens.isBefore(closes)) {
				throw invalid(file, key,
						"the window " + text + " never opens: it must close after it opens, " + "within one day");
			}
			windows.put(channel, new ContactPolicy.SendWindow(opens, closes));
		}
		return windows;
	}

	private List<ContactPolicy.FrequencyCap> caps(Path file) {
		if (this.frequencyCaps == null) {
			return List.of();
		}
		List<ContactPolicy.FrequencyCap> caps = new ArrayList<>();
		for (int i = 0; i < this.frequencyCaps.size(); i++) {
			CapEntry entry = this.frequencyCaps.get(i);
			String key = "policy.frequency-caps";
			String item = key + "[" + i + "]";
			if (entry == null) {
				throw invalid(file, key, item + " is empty");
			}
			Channel channel = (entry.channel() == null || entry.channel().equalsIgnoreCase("all")) ? null
					: channel(file, key, entry.channel());
			if (entry.max() == null) {
				throw invalid(file, key, item + ".max is missing");
			}
			if (entry.max() < 1) {
				throw invalid(file, key, item + ".max is " + entry.max()
						+ ": a cap below 1 would stop every contact (leave the channel out of the offers instead)");
			}
			String per = (entry.per() != null) ? entry.per().strip().toLowerCase(Locale.ROOT) : "";
			if (!ContactPolicy.FrequencyCap.isPeriod(per)) {
				throw invalid(file, key, item + ".per must be week, month or 'N days' (e.g. 14 days)");
			}
			caps.add(new ContactPolicy.FrequencyCap(channel, entry.max(), per));
		}
		return caps;
	}

	private @Nullable Long capacity(Path file) {
		if (this.capacity == null) {
			return null;
		}
		String key = "policy.capacity";
		if (this.capacity.perDay() != null) {
			if (this.capacity.responsesPerDay() != null || this.capacity.responseRate() != null) {
				throw invalid(file, key, "give either per-day, or responses-per-day and response-rate, not both");
			}
			if (this.capacity.perDay() < 1) {
				throw invalid(file, key + ".per-day",
						"a capacity of " + this.capacity.perDay() + " contacts a day would never send anything");
			}
			return this.capacity.perDay();
		}
		if (this.capacity.responsesPerDay() == null || this.capacity.responseRate() == null) {
			throw invalid(file, key, "needs per-day, or responses-per-day with response-rate");
		}
		if (this.capacity.responsesPerDay() < 1) {
			throw invalid(file, key + ".responses-per-day", "must be 1 or more");
		}
		double rate = this.capacity.responseRate();
		if (!(rate > 0 && rate <= 1)) {
			throw invalid(file, key + ".response-rate", "must be more than 0 and at most 1 (5% is 0.05)");
		}
		return (long) Math.floor(this.capacity.responsesPerDay() / rate);
	}

	private int maxDeferralDays(Path file) {
		int days = (this.maxDeferralDays != null) ? this.maxDeferralDays : 30;
		if (days < 0 || days > 366) {
			throw invalid(file, "policy.max-deferral-days", "must be between 0 and 366");
		}
		return days;
	}

	private Map<String, ZoneId> timeZones(Path file) {
		if (this.timeZones == null) {
			return Map.of();
		}
		Map<String, ZoneId> zones = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : this.timeZones.entrySet()) {
			String country = entry.getKey().strip().toUpperCase(Locale.ROOT);
			if (!COUNTRIES.contains(country)) {
				throw invalid(file, "policy.time-zones." + entry.getKey(),
						"unknown country '" + entry.getKey() + "' (ISO 3166 two-letter code)");
			}
			try {
				zones.put(country, ZoneId.of(String.valueOf(entry.getValue()).strip()));
			}
			catch (DateTimeException ex) {
				throw invalid(file, "policy.time-zones." + entry.getKey(),
						"unknown time zone '" + entry.getValue() + "' (e.g. Europe/Lisbon)");
			}
		}
		return zones;
	}

	private static Channel channel(Path file, String key, String name) {
		try {
			return Channel.valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(file, key, "unknown channel '" + name + "' (print, email or sms)");
		}
	}

	private static InvalidInputException invalid(Path file, String key, String reason) {
		return new InvalidInputException(file, YamlFiles.lineOf(file, key), key, reason);
	}

}
