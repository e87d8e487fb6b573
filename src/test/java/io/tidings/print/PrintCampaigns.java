package io.tidings.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.tidings.TestCampaigns;

/**
 * A campaign for print production tests: nine customers in seven countries whose names
 * are in Latin, Greek, Cyrillic and Chinese script; two of them (Ana and Rui Silva) share
 * an address written two ways, a third lives there under another name, and one address is
 * too long for the envelope window. All are reachable by post only, so each gets a
 * printed statement and, when an offer fits, a printed mailer.
 */
final class PrintCampaigns {

	static final Path DATA = TestCampaigns.PROJECT.resolve("src/test/resources/io/tidings/print/data");

	private PrintCampaigns() {
	}

	static Path households(Path folder) {
		Path job = TestCampaigns.smallCampaign(folder);
		try {
			for (String file : new String[] { "customers.csv", "transactions.csv" }) {
				Files.copy(DATA.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return job;
	}

}
