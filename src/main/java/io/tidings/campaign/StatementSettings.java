package io.tidings.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of printed statements ({@code tidings.statement.*}).
 *
 * @param accountMask how much of the account identifier a statement shows: the number of
 * characters shown at its start and at its end, e.g. {@code 2,4} (the country code and
 * the last four), every other character printed as {@code •}; {@code none} prints it in
 * full
 */
@ConfigurationProperties("tidings.statement")
record StatementSettings(@DefaultValue("2,4") String accountMask) {

	StatementSettings {
		AccountMask.parse(accountMask);
	}

	AccountMask mask() {
		return AccountMask.parse(this.accountMask);
	}

}
