package io.tidings.print;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the DataMatrix code on the front of a sheet says, as text: the envelope id, the
 * sheet's number and how many sheets the envelope has, and a check value (ISO 7064 MOD
 * 97-10, as in IBANs) over the rest, e.g. {@code R7K2QXAB-00000042 001/003 57}. An
 * inserter reading a sheet knows which envelope it belongs to, whether it is the last
 * one, and that it read the code right.
 *
 * @param envelopeId the envelope
 * @param sheet the sheet's number in the envelope, from 1
 * @param sheets sheets in the envelope
 */
record InserterCode(String envelopeId, int sheet, int sheets) {

	private static final Pattern FORMAT = Pattern.compile("([0-9A-Z]+-[0-9]+) ([0-9]{3})/([0-9]{3}) ([0-9]{2})");

	InserterCode {
		if (sheet < 1 || sheet > sheets || sheets > 999) {
			throw new IllegalArgumentException("sheet " + sheet + " of " + sheets + " cannot be marked");
		}
	}

	String text() {
		String body = String.format(Locale.ROOT, "%s %03d/%03d", this.envelopeId, this.sheet, this.sheets);
		return body + " " + String.format(Locale.ROOT, "%02d", checkValue(body));
	}

	/**
	 * Reads a code back.
	 * @throws IllegalArgumentException when it is not a code or its check value is wrong
	 */
	static InserterCode parse(String text) {
		Matcher matcher = FORMAT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not an inserter code: " + text);
		}
		String body = text.substring(0, text.length() - 3);
		if (checkValue(body) != Integer.parseInt(matcher.group(4))) {
			throw new IllegalArgumentException("wrong check value in " + text);
		}
		return new InserterCode(matcher.group(1), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)));
	}

	/**
	 * ISO 7064 MOD 97-10: letters count as 10 to 35, digits as themselves, anything else
	 * is skipped; the check value makes the whole number leave 1 when divided by 97.
	 */
	static int checkValue(String text) {
		int remainder = 0;
		for (char c : text.toCharArray()) {
			int value = Character.digit(c, 36);
			if (value < 0) {
				continue;
			}
			remainder = (value < 10) ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
		}
		return 98 - (remainder * 100) % 97;
	}

}
