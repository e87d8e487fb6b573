package io.tidings.campaign;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the middle of an account identifier on a statement: the characters shown at its
 * start and end are kept, every other one is printed as {@code •}. An IBAN is printed in
 * its paper format, in groups of four.
 *
 * @param shownAtStart characters kept at the start
 * @param shownAtEnd characters kept at the end
 * @param masked whether anything is hidden at all
 */
record AccountMask(int shownAtStart, int shownAtEnd, boolean masked) {

	private static final Pattern SETTING = Pattern.compile("\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*");

	private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}");

	static AccountMask parse(String setting) {
		if ("none".equalsIgnoreCase(setting.strip())) {
			return new AccountMask(0, 0, false);
		}
		Matcher matcher = SETTING.matcher(setting);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("tidings.statement.account-mask must be 'none' or the characters shown "
					+ "at the start and at the end, e.g. 2,4; not '" + setting + "'");
		}
		return new AccountMask(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), true);
	}

	static boolean isIban(String account) {
		return IBAN.matcher(account).matches();
	}

	/**
	 * The identifier as the statement prints it; empty for none.
	 */
	String apply(String account) {
		StringBuilder shown = new StringBuilder(account);
		if (this.masked) {
			for (int i = this.shownAtStart; i < account.length() - this.shownAtEnd; i++) {
				if (shown.charAt(i) != ' ' && shown.charAt(i) != '-') {
					shown.setCharAt(i, '•');
				}
			}
		}
		if (isIban(account)) {
			for (int i = (shown.length() - 1) / 4 * 4; i > 0; i -= 4) {
				shown.insert(i, ' ');
			}
		}
		return shown.toString();
	}

}
