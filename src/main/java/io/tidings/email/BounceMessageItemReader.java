package io.tidings.email;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the messages of a bounce file: a single message ({@code .eml}), or an mbox file,
 * where each message starts with a {@code From } line and body lines that began with
 * {@code From } are quoted as {@code >From } (mboxrd). A restarted step skips the
 * messages it had read.
 */
class BounceMessageItemReader extends AbstractItemCountingItemStreamItemReader<BounceMessage> {

	private static final byte[] FROM = "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final Path file;

	private @Nullable InputStream in;

	private boolean mbox;

	private byte @Nullable [] pending;

	private long line;

	BounceMessageItemReader(String name, Path file) {
		setName(name);
		this.file = file;
	}

	@Override
	protected void doOpen() throws IOException {
		this.in = new BufferedInputStream(Files.newInputStream(this.file), 64 * 1024);
		this.line = 0;
		this.pending = readLine();
		this.mbox = this.pending != null && startsWith(this.pending, FROM);
	}

	@Override
	protected @Nullable BounceMessage doRead() throws IOException {
		if (this.pending == null) {
			return null;
		}
		long start = this.line;
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		if (!this.mbox) {
			message.write(this.pending);
			this.in.transferTo(message);
			this.pending = null;
			return new BounceMessage(start, message.toByteArray());
		}
		byte[] next;
		while ((next = readLine()) != null && !startsWith(next, FROM)) {
			message.write(unquote(next));
		}
		this.pending = next;
		return new BounceMessage(start, message.toByteArray());
	}

	@Override
	protected void doClose() throws IOException {
		if (this.in != null) {
			this.in.close();
			this.in = null;
		}
	}

	private byte @Nullable [] readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b;
		while ((b = this.in.read()) != -1) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		if (line.size() == 0) {
			return null;
		}
		this.line++;
		return line.toByteArray();
	}

	/**
	 * mboxrd: {@code >From } becomes {@code From }, {@code >>From } becomes
	 * {@code >From }.
	 */
	private static byte[] unquote(byte[] line) {
		int quotes = 0;
		while (quotes < line.length && line[quotes] == '>') {
			quotes++;
		}
		if (quotes > 0 && startsWith(line, quotes, FROM)) {
			return java.util.Arrays.copyOfRange(line, 1, line.length);
		}
		return line;
	}

	private static boolean startsWith(byte[] line, byte[] prefix) {
		return startsWith(line, 0, prefix);
	}

	private static boolean startsWith(byte[] line, int offset, byte[] prefix) {
		if (line.length - offset < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (line[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
