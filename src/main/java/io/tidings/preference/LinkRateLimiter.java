package io.tidings.preference;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (a client address, a link token): a key may make as many
 * requests as a minute's allowance at once, then one each time the allowance refills by
 * one. It remembers at most {@value #MAX_KEYS} keys, the least recently seen going first,
 * so a flood of distinct keys cannot exhaust memory.
 */
final class LinkRateLimiter {

	private static final int MAX_KEYS = 50_000;

	private final Clock clock;

	private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
			return size() > MAX_KEYS;
		}

	};

	LinkRateLimiter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Takes one request from a key's allowance.
	 * @param perMinute the allowance of a minute
	 * @return whether the key had any left
	 */
	synchronized boolean allow(String key, int perMinute) {
		long now = this.clock.millis();
		Bucket bucket = this.buckets.get(key);
		double left = (bucket == null) ? perMinute
				: Math.min(perMinute, bucket.left() + (now - bucket.at()) * perMinute / 60_000.0);
		boolean allowed = left >= 1;
		this.buckets.put(key, new Bucket(allowed ? left - 1 : left, now));
		return allowed;
	}

	private record Bucket(double left, long at) {

	}

}
