package io.tidings.offer;

import java.util.Locale;

/**
 * Product codes as the engine stores them: upper case with underscores, so that
 * {@code term-deposit} given on a command line or in a response file is
 * {@code TERM_DEPOSIT}.
 */
public final class ProductCodes {

	private ProductCodes() {
	}

	public static String normalise(String code) {
		return code.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
	}

}
