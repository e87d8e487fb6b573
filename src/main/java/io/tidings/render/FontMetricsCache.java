package io.tidings.render;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import org.jspecify.annotations.Nullable;

/**
 * openhtmltopdf's store of font metrics (ascent, descent, underline...), kept for the
 * life of the application so that they are read from a font file once, not for every
 * document. A few entries per font face and size: it needs no eviction.
 */
final class FontMetricsCache implements FSCacheEx<String, FSCacheValue> {

	private final Map<String, FSCacheValue> values = new ConcurrentHashMap<>();

	@Override
	public void put(String key, FSCacheValue value) {
		this.values.put(key, value);
	}

	@Override
	public @Nullable FSCacheValue get(String key, Callable<? extends FSCacheValue> loader) {
		FSCacheValue value = this.values.get(key);
		if (value != null) {
			return value;
		}
		try {
			value = loader.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the metrics of font " + key, ex);
		}
		if (value != null) {
			this.values.put(key, value);
		}
		return value;
	}

	@Override
	public @Nullable FSCacheValue get(String key) {
		return this.values.get(key);
	}

}
