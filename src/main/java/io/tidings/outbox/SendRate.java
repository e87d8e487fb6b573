package io.tidings.outbox;

import java.util.concurrent.TimeUnit;

/**
 * Holds sends to a steady rate: each send gets the next free slot, one interval after the
 * previous one, and waits for it. No burst after an idle spell (a provider counts
 * messages per second, not on average), and shared by every delivery thread: the slot is
 * reserved under a lock, the wait happens outside it.
 */
public final class SendRate {

	private final long intervalNanos;

	private long nextSlot = System.nanoTime();

	/**
	 * @param perSecond sends per second; 0 or less for no limit
	 */
	public SendRate(double perSecond) {
		this.intervalNanos = (perSecond > 0) ? Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond) : 0;
	}

	/**
	 * Waits for the next slot.
	 */
	public void acquire() {
		if (this.intervalNanos == 0) {
			return;
		}
		long wait = reserve();
		if (wait > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting to send", ex);
			}
		}
	}

	private synchronized long reserve() {
		long now = System.nanoTime();
		long slot = Math.max(this.nextSlot, now);
		this.nextSlot = slot + this.intervalNanos;
		return slot - now;
	}

}
