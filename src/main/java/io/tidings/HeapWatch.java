package io.tidings;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The most heap that survived a garbage collection while watched: the memory a piece of
 * work really holds. The heap's own peak says little, because a collector lets garbage
 * fill whatever heap it is given before collecting.
 */
public final class HeapWatch implements AutoCloseable {

	private final AtomicLong peakAfterCollection = new AtomicLong();

	/** The heap's pools: a collection reports the non-heap ones (metaspace, code) too. */
	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toUnmodifiableSet());

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::onNotification;

	private HeapWatch() {
	}

	/**
	 * Watches collections from now until {@link #close()}.
	 * @return the watch
	 */
	public static HeapWatch start() {
		HeapWatch watch = new HeapWatch();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(watch.listener, null, null);
				watch.emitters.add(emitter);
			}
		}
		return watch;
	}

	/**
	 * The most heap in use just after a collection, so far.
	 * @return bytes; 0 when no collection happened
	 */
	public long peakAfterCollectionBytes() {
		return this.peakAfterCollection.get();
	}

	private void onNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long used = info.getGcInfo()
			.getMemoryUsageAfterGc()
			.entrySet()
			.stream()
			.filter(pool -> this.heapPools.contains(pool.getKey()))
			.mapToLong(pool -> pool.getValue().getUsed())
			.sum();
		this.peakAfterCollection.accumulateAndGet(used, Math::max);
	}

	@Override
	public void close() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// already gone: nothing to undo
			}
		}
	}

}
