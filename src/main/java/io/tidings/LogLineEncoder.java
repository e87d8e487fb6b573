package io.tidings;

import java.nio.charset.Charset;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Writes log events as lines of text by a pattern, or as JSON lines in one of Spring
 * Boot's structured formats ({@code ecs}, {@code logstash}, {@code gelf}) when one is
 * given ({@code logging.structured.format.console} and {@code .file},
 * {@code tidings --log-format}). The choice is made as the logging starts, by each
 * application context: a command run in-process after another gets its own.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {

	private @Nullable String format;

	private @Nullable String pattern;

	private @Nullable Charset charset;

	private @Nullable Encoder<ILoggingEvent> delegate;

	public void setFormat(String format) {
		this.format = format;
	}

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		if (this.format != null && !this.format.isBlank() && !"text".equals(this.format.trim())) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setContext(getContext());
			structured.setFormat(this.format.trim());
			if (this.charset != null) {
				structured.setCharset(this.charset);
			}
			structured.start();
			this.delegate = structured;
		}
		else {
			PatternLayoutEncoder text = new PatternLayoutEncoder();
			text.setContext(getContext());
			text.setPattern(this.pattern);
			text.setCharset(this.charset);
			text.start();
			this.delegate = text;
		}
		super.start();
	}

	@Override
	public void stop() {
		if (this.delegate != null) {
			this.delegate.stop();
		}
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return (this.delegate != null) ? this.delegate.headerBytes() : new byte[0];
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return (this.delegate != null) ? this.delegate.encode(event) : new byte[0];
	}

	@Override
	public byte[] footerBytes() {
		return (this.delegate != null) ? this.delegate.footerBytes() : new byte[0];
	}

}
