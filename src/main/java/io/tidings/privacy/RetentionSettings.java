package io.tidings.privacy;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Tidings keeps what it holds on customers ({@code tidings.retention.*}),
 * counted from when a communication was planned or a response occurred.
 *
 * @param archive how long archived documents are kept (ISO-8601 period, default 7 years,
 * a common period for banking records)
 * @param contactHistory how long the ledger rows of communications and the responses are
 * kept (default 7 years); a document goes with its ledger row even when the archive
 * period is longer
 */
@ConfigurationProperties("tidings.retention")
public record RetentionSettings(@DefaultValue("P7Y") Period archive, @DefaultValue("P7Y") Period contactHistory) {

	public RetentionSettings {
		if (archive.isNegative() || contactHistory.isNegative()) {
			throw new IllegalArgumentException("tidings.retention periods cannot be negative");
		}
	}

}
