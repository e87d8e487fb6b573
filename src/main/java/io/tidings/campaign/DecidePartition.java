package io.tidings.campaign;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.tidings.offer.Offer;
import io.tidings.offer.OfferVolumes;
import io.tidings.outbox.CustomerRange;
import io.tidings.policy.DailyCapacity;

/**
 * One partition of the decide stage of a partitioned run: its customers, and its shares
 * of the run-wide limits, which it counts against as if the rest were used by the other
 * partitions.
 */
record DecidePartition(CustomerRange customers, RunWideShares shares) {

	/**
	 * The partition a step runs, from its context.
	 * @return none when the step is not a partition
	 */
	static @Nullable DecidePartition of(@Nullable String first, @Nullable String last, @Nullable Integer partition,
			@Nullable String weights) {
		CustomerRange customers = CustomerRangePartitioner.range(first, last);
		return (customers != null && partition != null && weights != null)
				? new DecidePartition(customers, RunWideShares.of(partition, weights)) : null;
	}

	/**
	 * The offer volumes of this partition: each capped offer starts with the part of its
	 * cap that is not this partition's share taken, plus what this partition has offered
	 * already (a restarted partition).
	 */
	OfferVolumes offerVolumes(List<Offer> offers, Map<String, Long> offeredHere) {
		Map<String, Long> taken = new HashMap<>(offeredHere);
		for (Offer offer : offers) {
			long cap = offer.capacity();
			if (cap != Long.MAX_VALUE) {
				taken.merge(offer.code(), cap - this.shares.share(cap), Long::sum);
			}
		}
		return new OfferVolumes(taken);
	}

	/**
	 * The daily capacity of this partition: on each day, its share of what the campaign's
	 * other runs left, less what this partition has scheduled already (a restarted
	 * partition).
	 */
	DailyCapacity dailyCapacity(@Nullable Long perDay, LocalDate firstDay, LocalDate lastDay,
			Map<LocalDate, Long> otherRuns, Map<LocalDate, Long> here) {
		if (perDay == null) {
			return DailyCapacity.unlimited();
		}
		Map<LocalDate, Long> taken = new HashMap<>();
		for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
			long left = Math.max(0, perDay - otherRuns.getOrDefault(day, 0L));
			taken.put(day, perDay - this.shares.share(left) + here.getOrDefault(day, 0L));
		}
		return DailyCapacity.of(perDay, taken);
	}

}
