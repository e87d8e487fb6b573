package io.tidings.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Formats values for the console's pages (times in the server's time zone), so that
 * templates need no Java time support; anything missing shows as a dash.
 */
public final class ConsoleFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

	private final ZoneId zone;

	ConsoleFormat(ZoneId zone) {
		this.zone = zone;
	}

	public String time(@Nullable Object value) {
		if (value instanceof Instant instant) {
			return TIME.format(instant.atZone(this.zone));
		}
		if (value instanceof java.time.OffsetDateTime time) {
			return TIME.format(time.atZoneSameInstant(this.zone));
		}
		return (value == null || "".equals(value)) ? "—" : value.toString();
	}

	public String duration(@Nullable Object value) {
		if (!(value instanceof Duration duration)) {
			return "—";
		}
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
	}

	public String rate(@Nullable Object value) {
		return (value instanceof Number number && number.doubleValue() > 0)
				? String.format(Locale.ROOT, "%,.1f/s", number.doubleValue()) : "—";
	}

	public String count(@Nullable Object value) {
		return (value instanceof Number number) ? String.format(Locale.ROOT, "%,d", number.longValue()) : "—";
	}

	public String lower(@Nullable Object value) {
		return (value == null) ? "—" : value.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
