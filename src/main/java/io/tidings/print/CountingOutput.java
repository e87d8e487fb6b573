package io.tidings.print;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The file being written, counting the bytes so that every object's offset is known.
 */
final class CountingOutput extends OutputStream {

	private final OutputStream target;

	private long position;

	CountingOutput(OutputStream target) {
		this.target = target;
	}

	long position() {
		return this.position;
	}

	void ascii(String text) throws IOException {
		write(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	@Override
	public void write(int b) throws IOException {
		this.target.write(b);
		this.position++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.target.write(bytes, offset, length);
		this.position += length;
	}

	@Override
	public void flush() throws IOException {
		this.target.flush();
	}

}
