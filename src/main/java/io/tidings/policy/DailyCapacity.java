package io.tidings.policy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How many marketing contacts a campaign still has room for on each day. Starts from what
 * the ledger already holds (so a restarted scheduling step counts what it did before the
 * stop) and counts each contact it schedules.
 */
public final class DailyCapacity {

	private final @Nullable Long perDay;

	private final Map<LocalDate, Long> used;

	private DailyCapacity(@Nullable Long perDay, Map<LocalDate, Long> used) {
		this.perDay = perDay;
		this.used = new HashMap<>(used);
	}

	/**
	 * @param perDay most contacts a day, {@code null} for no limit
	 * @param used contacts already planned per day
	 */
	public static DailyCapacity of(@Nullable Long perDay, Map<LocalDate, Long> used) {
		return new DailyCapacity(perDay, used);
	}

	public static DailyCapacity unlimited() {
		return new DailyCapacity(null, Map.of());
	}

	boolean hasRoom(LocalDate day) {
		return this.perDay == null || this.used.getOrDefault(day, 0L) < this.perDay;
	}

	void take(LocalDate day) {
		this.used.merge(day, 1L, Long::sum);
	}

	@Nullable Long perDay() {
		return this.perDay;
	}

}
