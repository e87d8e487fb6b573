package io.tidings.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Contact;
import io.tidings.outbox.DocumentKind;

/**
 * Decides the day each planned communication drops and the moment it may be sent: the
 * first day from the run's first day on that is not an avoided weekday, not a public
 * holiday in the customer's country, within the frequency caps (counting contact history,
 * planned contacts included) and within the campaign's daily capacity, at a time within
 * the channel's send window in every time zone of the customer's country. A communication
 * with no such day before its last possible day (the deferral limit, or the end of its
 * offer) is refused with the reason. Plain Java: the scheduling step calls it.
 */
public final class ContactScheduler {

	private static final int LISTED_DAYS = 6;

	private final ContactPolicy policy;

	private final ZoneId runZone;

	private final HolidayCalendars holidays = new HolidayCalendars();

	private final CountryTimeZones zones;

	/**
	 * @param policy the campaign's contact policy
	 * @param runZone the campaign's time zone: days begin there for print drops
	 */
	public ContactScheduler(ContactPolicy policy, ZoneId runZone) {
		this.policy = policy;
		this.runZone = runZone;
		this.zones = new CountryTimeZones(policy.timeZones(), runZone);
	}

	/**
	 * The first day a run may drop anything: its as-of date, or today if that is later.
	 */
	public LocalDate firstDay(LocalDate asOf, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, this.runZone);
		return asOf.isAfter(today) ? asOf : today;
	}

	/**
	 * The last day a run's communications may drop on, unless their offer ends earlier.
	 */
	public LocalDate lastDay(LocalDate firstDay) {
		return firstDay.plusDays(this.policy.maxDeferralDays());
	}

	/**
	 * The first day whose marketing contacts frequency caps count for a run.
	 */
	public LocalDate historySince(LocalDate firstDay) {
		long span = this.policy.frequencyCaps()
			.stream()
			.mapToLong(cap -> ContactPolicy.FrequencyCap.spanDays(cap.per()))
			.max()
			.orElse(0);
		return firstDay.minusDays(span);
	}

	/**
	 * Schedules one communication, taking a day of capacity for a marketing one.
	 */
	public ScheduleDecision schedule(Request request, DailyCapacity capacity) {
		boolean marketing = !request.kind().legallyRequired();
		Map<LocalDate, Block> skipped = new LinkedHashMap<>();
		for (LocalDate day = request.firstDay(); !day.isAfter(request.lastDay()); day = day.plusDays(1)) {
			Optional<Block> block = calendarBlock(request.country(), day);
			if (block.isEmpty() && marketing) {
				block = capBlock(request, day);
			}
			if (block.isEmpty() && marketing && !capacity.hasRoom(day)) {
				block = Optional.of(new Block(ScheduleDecision.CAPACITY,
						"the campaign's capacity of " + capacity.perDay() + " contacts is used up"));
			}
			Optional<Instant> opening = Optional.empty();
			if (block.isEmpty()) {
				opening = opening(request.channel(), request.country(), day, request.now());
				if (opening.isEmpty()) {
					block = Optional.of(windowClosed(request.channel(), request.country()));
				}
			}
			if (block.isPresent()) {
				skipped.put(day, block.get());
				continue;
			}
			if (marketing) {
				capacity.take(day);
			}
			Instant notBefore = opening.get().isAfter(request.now()) ? opening.get() : null;
			return scheduled(request, day, notBefore, skipped);
		}
		return refused(request, skipped);
	}

	/**
	 * Checked again at the moment of sending (a delivery pass may run late): when the
	 * communication may not go now, the moment it may.
	 */
	public Optional<Deferral> atDelivery(Channel channel, String country, Instant now) {
		LocalDate today = LocalDate.ofInstant(now,
				(this.policy.sendWindows().containsKey(channel)) ? this.zones.zonesOf(country).get(0) : this.runZone);
		Map<LocalDate, Block> skipped = new LinkedHashMap<>();
		for (LocalDate day = today; !day.isAfter(today.plusDays(this.policy.maxDeferralDays() + 7L)); day = day
			.plusDays(1)) {
			Optional<Block> block = calendarBlock(country, day);
			Optional<Instant> opening = block.isPresent() ? Optional.empty() : opening(channel, country, day, now);
			if (block.isEmpty() && opening.isEmpty()) {
				block = Optional.of(windowClosed(channel, country));
			}
			if (block.isPresent()) {
				skipped.put(day, block.get());
				continue;
			}
			if (!opening.get().isAfter(now)) {
				return Optional.empty();
			}
			Block first = skipped.isEmpty() ? windowClosed(channel, country) : skipped.values().iterator().next();
			return Optional.of(new Deferral(opening.get(), first.code(), "held at delivery until " + opening.get()
					+ ": " + (skipped.isEmpty() ? today + " " + first.reason() : describe(skipped))));
		}
		return Optional.of(new Deferral(now.plusSeconds(86_400), ScheduleDecision.SEND_WINDOW,
				"no allowed moment found in the coming weeks: " + describe(skipped)));
	}

	private ScheduleDecision.Scheduled scheduled(Request request, LocalDate day, @Nullable Instant notBefore,
			Map<LocalDate, Block> skipped) {
		if (skipped.isEmpty()) {
			if (notBefore != null && day.equals(request.firstDay())
					&& LocalDate.ofInstant(request.now(), this.runZone).equals(day)
					&& this.policy.sendWindows().containsKey(request.channel())) {
				Block held = windowClosed(request.channel(), request.country());
				return new ScheduleDecision.Scheduled(day, notBefore, held.code(),
						"held until " + notBefore + ": " + held.reason() + " at the time of planning");
			}
			return new ScheduleDecision.Scheduled(day, notBefore, null, null);
		}
		Block first = skipped.values().iterator().next();
		return new ScheduleDecision.Scheduled(day, notBefore, first.code(),
				"deferred from " + request.firstDay() + " to " + day + ": " + describe(skipped));
	}

	private ScheduleDecision.Refused refused(Request request, Map<LocalDate, Block> skipped) {
		Map<String, Long> codes = skipped.values()
			.stream()
			.collect(Collectors.groupingBy(Block::code, LinkedHashMap::new, Collectors.counting()));
		String code = codes.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(ScheduleDecision.WEEKDAY)
					&& !entry.getKey().equals(ScheduleDecision.PUBLIC_HOLIDAY))
			.max(Map.Entry.comparingByValue())
			.or(() -> codes.entrySet().stream().max(Map.Entry.comparingByValue()))
			.map(Map.Entry::getKey)
			.orElse(ScheduleDecision.CAPACITY);
		return new ScheduleDecision.Refused(code, "no day allowed from " + request.firstDay() + " to "
				+ request.lastDay() + " (" + request.lastDayBecause() + "): " + describe(skipped));
	}

	private Optional<Block> calendarBlock(String country, LocalDate day) {
		if (this.policy.calendar().avoidWeekdays().contains(day.getDayOfWeek())) {
			return Optional.of(new Block(ScheduleDecision.WEEKDAY,
					"is a " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
		}
		if (this.policy.calendar().publicHolidays()) {
			return this.holidays.holiday(country, day)
				.map(name -> new Block(ScheduleDecision.PUBLIC_HOLIDAY,
						"is a public holiday in " + country + " (" + name + ")"));
		}
		return Optional.empty();
	}

	private Optional<Block> capBlock(Request request, LocalDate day) {
		for (ContactPolicy.FrequencyCap cap : this.policy.frequencyCaps()) {
			if (cap.channel() != null && cap.channel() != request.channel()) {
				continue;
			}
			List<LocalDate> within = request.history()
				.stream()
				.filter(contact -> cap.channel() == null || contact.channel() == cap.channel())
				.map(Contact::date)
				.filter(date -> cap.covers(day, date))
				.sorted()
				.toList();
			if (within.size() >= cap.max()) {
				return Optional
					.of(new Block(ScheduleDecision.FREQUENCY_CAP, "frequency cap of " + cap + " reached (contacts on "
							+ within.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
			}
		}
		return Optional.empty();
	}

	/**
	 * The earliest moment on a day, not before now, at which the channel may send to the
	 * country: start of the day for print, else the start of the send window in every
	 * zone of the country; empty when the day has no such moment left.
	 */
	private Optional<Instant> opening(Channel channel, String country, LocalDate day, Instant now) {
		ContactPolicy.SendWindow window = this.policy.sendWindows().get(channel);
		if (window == null) {
			Instant start = day.atStartOfDay(this.runZone).toInstant();
			Instant end = day.plusDays(1).atStartOfDay(this.runZone).toInstant();
			Instant at = start.isAfter(now) ? start : now;
			return at.isBefore(end) ? Optional.of(at) : Optional.empty();
		}
		List<ZoneId> countryZones = this.zones.zonesOf(country);
		Instant opens = countryZones.stream()
			.map(zone -> day.atTime(window.opens()).atZone(zone).toInstant())
			.max(Comparator.naturalOrder())
			.orElseThrow();
		Instant closes = countryZones.stream()
			.map(zone -> day.atTime(window.closes()).atZone(zone).toInstant())
			.min(Comparator.naturalOrder())
			.orElseThrow();
		Instant at = opens.isAfter(now) ? opens : now;
		return at.isBefore(closes) ? Optional.of(at) : Optional.empty();
	}

	private Block windowClosed(Channel channel, String country) {
		List<ZoneId> countryZones = this.zones.zonesOf(country);
		return new Block(ScheduleDecision.SEND_WINDOW,
				"outside the " + channel.folder() + " send window " + this.policy.sendWindows().get(channel)
						+ " local time in " + country + " ("
						+ countryZones.stream().map(ZoneId::getId).collect(Collectors.joining(", ")) + ")");
	}

	private static String describe(Map<LocalDate, Block> skipped) {
		List<String> days = new ArrayList<>();
		skipped.entrySet()
			.stream()
			.limit(LISTED_DAYS)
			.forEach(entry -> days.add(entry.getKey() + " " + entry.getValue().reason()));
		if (skipped.size() > LISTED_DAYS) {
			Map<String, Long> rest = skipped.values()
				.stream()
				.skip(LISTED_DAYS)
				.collect(Collectors.groupingBy(Block::code, LinkedHashMap::new, Collectors.counting()));
			days.add("then " + rest.entrySet()
				.stream()
				.map(entry -> entry.getValue() + " day(s) " + entry.getKey())
				.collect(Collectors.joining(", ")));
		}
		return String.join("; ", days);
	}

	/**
	 * What to schedule.
	 *
	 * @param channel the chosen channel
	 * @param kind the document kind (caps and capacity count marketing only)
	 * @param country the customer's country (calendar and time zones)
	 * @param firstDay the run's first day
	 * @param lastDay the last day it may drop on
	 * @param lastDayBecause why that is the last day, for the reason of a refusal
	 * @param now the moment of planning
	 * @param history the customer's marketing contacts, sent or planned, in other runs
	 */
	public record Request(Channel channel, DocumentKind kind, String country, LocalDate firstDay, LocalDate lastDay,
			String lastDayBecause, Instant now, List<Contact> history) {

		public Request {
			history = List.copyOf(history);
		}

	}

	/**
	 * A communication that may not be sent at the moment of delivery.
	 *
	 * @param notBefore when it may
	 * @param code why not now, in short
	 * @param reason why not now
	 */
	public record Deferral(Instant notBefore, String code, String reason) {
	}

	private record Block(String code, String reason) {
	}

}
