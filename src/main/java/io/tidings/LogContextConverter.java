package io.tidings;

import java.util.Map;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %runContext} in a log pattern: {@code [<campaign>/<run key> <step>:<partition>]}
 * and a space when a run's job or step logged the event ({@link RunLogContext}), as much
 * of it as is known; nothing otherwise, so that lines outside a run stay short.
 */
public final class LogContextConverter extends ClassicConverter {

	@Override
	public String convert(ILoggingEvent event) {
		Map<String, String> context = event.getMDCPropertyMap();
		String campaign = context.get(RunLogContext.CAMPAIGN);
		String step = context.get(RunLogContext.STEP);
		if (campaign == null && step == null) {
			return "";
		}
		StringBuilder text = new StringBuilder("[");
		if (campaign != null) {
			text.append(campaign);
			String runKey = context.get(RunLogContext.RUN_KEY);
			if (runKey != null) {
				text.append('/').append(runKey);
			}
		}
		if (step != null) {
			text.append((campaign != null) ? " " : "").append(step);
			String partition = context.get(RunLogContext.PARTITION);
			if (partition != null) {
				text.append(':').append(partition);
			}
		}
		return text.append("] ").toString();
	}

}
