package io.tidings.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.tidings.outbox.Channel;

/**
 * The contact policy of a campaign, from the {@code policy} section of its job file (the
 * README documents every key): channel order by value tier and cost, calendar, send
 * windows, frequency caps, daily capacity, how long a communication may be deferred, and
 * whether a real run needs an approved dry run. A job file without a {@code policy}
 * section gets {@link #NONE}: consent, suppression and reachability only.
 *
 * @param configured whether the job file has a {@code policy} section
 * @param channels channel order for marketing documents
 * @param calendar days nothing drops on
 * @param sendWindows local hours in which each electronic channel may send
 * @param frequencyCaps most marketing contacts per customer per period
 * @param dailyCapacity most marketing contacts of the campaign per day, if limited
 * @param maxDeferralDays how many days after the run's first day a communication may
 * still drop; later it is suppressed with the reason
 * @param timeZones time zone of customers of a country, where the country's own zones
 * should not be used
 * @param requireApproval whether a real run must name an approved dry run
 */
public record ContactPolicy(boolean configured, Channels channels, Calendar calendar,
		Map<Channel, SendWindow> sendWindows, List<FrequencyCap> frequencyCaps, @Nullable Long dailyCapacity,
		int maxDeferralDays, Map<String, ZoneId> timeZones, boolean requireApproval) {

	/** The policy of a job file without a {@code policy} section. */
	public static final ContactPolicy NONE = new ContactPolicy(false, Channels.DEFAULT,
			new Calendar(EnumSet.noneOf(DayOfWeek.class), false), Map.of(), List.of(), null, 30, Map.of(), false);

	public ContactPolicy {
		sendWindows = Map.copyOf(sendWindows);
		frequencyCaps = List.copyOf(frequencyCaps);
		timeZones = Map.copyOf(timeZones);
	}

	/**
	 * Channel order for marketing documents.
	 *
	 * @param cost cost of one message per channel; channels are tried cheapest first
	 * @param tiers channel order per value tier, overriding the cost order; a channel not
	 * listed for a tier is not used for it; tiers are those of the run (core, high,
	 * general)
	 */
	public record Channels(Map<Channel, Double> cost, Map<String, List<Channel>> tiers) {

		static final Channels DEFAULT = new Channels(
				new EnumMap<>(Map.of(Channel.EMAIL, 0.01, Channel.SMS, 0.05, Channel.PRINT, 0.90)), Map.of());

		public Channels {
			cost = Map.copyOf(cost);
			tiers = Map.copyOf(tiers);
		}

		/**
		 * The channels to try for a customer of a tier, in order.
		 */
		public List<Channel> orderFor(String tier) {
			List<Channel> order = this.tiers.get(tier);
			if (order != null) {
				return order;
			}
			return this.cost.keySet()
				.stream()
				.sorted(Comparator.comparingDouble((Channel channel) -> this.cost.get(channel))
					.thenComparing(Channel::ordinal))
				.toList();
		}

	}

	/**
	 * Days nothing drops on.
	 *
	 * @param avoidWeekdays weekdays to avoid (Saturday by default in a {@code policy}
	 * section)
	 * @param publicHolidays whether national public holidays of the customer's country
	 * are avoided
	 */
	public record Calendar(Set<DayOfWeek> avoidWeekdays, boolean publicHolidays) {

		public Calendar {
			avoidWeekdays = Set.copyOf(avoidWeekdays);
		}

	}

	/**
	 * Local hours in which a channel may send.
	 *
	 * @param opens first minute it may send
	 * @param closes the minute it stops sending
	 */
	public record SendWindow(LocalTime opens, LocalTime closes) {

		@Override
		public String toString() {
			return this.opens + "-" + this.closes;
		}

	}

	/**
	 * At most {@code max} marketing contacts per customer in one period, on one channel
	 * or on all.
	 *
	 * @param channel the channel counted, or {@code null} for all channels together
	 * @param max most contacts in a period
	 * @param per {@code week} (Monday to Sunday), {@code month} (calendar month) or
	 * {@code N days} (no two contacts closer than N days, for a maximum of 1)
	 */
	public record FrequencyCap(@Nullable Channel channel, int max, String per) {

		/** First day of the period around a day. */
		LocalDate periodStart(LocalDate day) {
			return switch (this.per) {
				case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				case "month" -> day.withDayOfMonth(1);
				default -> day.minusDays(days() - 1);
			};
		}

		/** Last day of the period around a day. */
		LocalDate periodEnd(LocalDate day) {
			return switch (this.per) {
				case "week" -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
				case "month" -> day.with(TemporalAdjusters.lastDayOfMonth());
				default -> day.plusDays(days() - 1);
			};
		}

		private long days() {
			return Long.parseLong(this.per.substring(0, this.per.indexOf(' ')));
		}

		/** Whether a contact on one day is in the period around another. */
		boolean covers(LocalDate day, LocalDate contact) {
			return !contact.isBefore(periodStart(day)) && !contact.isAfter(periodEnd(day));
		}

		@Override
		public String toString() {
			return this.max + " " + ((this.channel != null) ? this.channel.folder() : "marketing") + " contact"
					+ ((this.max == 1) ? "" : "s") + " per " + this.per;
		}

		static boolean isPeriod(String per) {
			return per.equals("week") || per.equals("month") || per.matches("[1-9][0-9]{0,2} days");
		}

		static long spanDays(String per) {
			return switch (per) {
				case "week" -> 7;
				case "month" -> 31;
				default -> ChronoUnit.DAYS.between(LocalDate.EPOCH,
						LocalDate.EPOCH.plusDays(Long.parseLong(per.substring(0, per.indexOf(' ')))));
			};
		}

	}

}
