package io.tidings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes campaign job files for tests into a folder of their own, using the project's
 * templates and offers and the small customer set in
 * {@code src/test/resources/io/tidings/campaign/data}: ten customers (after one duplicate
 * is merged and two bad records are rejected) that reach every channel and every reason
 * for not sending.
 */
public final class TestCampaigns {

	public static final Path PROJECT = Path.of("").toAbsolutePath();

	public static final Path DATA = PROJECT.resolve("src/test/resources/io/tidings/campaign/data");

	private TestCampaigns() {
	}

	/**
	 * The small campaign in the Europe/Lisbon time zone with a {@code policy} section.
	 * @return the job file
	 */
	public static Path smallCampaignWithPolicy(Path folder, String policy) {
		Path job = smallCampaign(folder);
		try {
			Files.writeString(job, Files.readString(job).replace("zone: UTC", "zone: Europe/Lisbon") + policy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return job;
	}

	/**
	 * Copies the test data into the folder and writes a job file over it.
	 * @return the job file
	 */
	public static Path smallCampaign(Path folder) {
		try {
			Files.createDirectories(folder);
			for (String file : new String[] { "customers.csv", "transactions.csv", "responses.csv" }) {
				Files.copy(DATA.resolve(file), folder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			Path job = folder.resolve("campaign.yml");
			Files.writeString(job, """
					campaign: quarterly-statements
					description: test campaign
					schedule:
					  cron: "0 0 6 2 1,4,7,10 *"
					  zone: UTC
					as-of: 2026-09-30
					audience:
					  segment: "true"
					inputs:
					  customers: customers.csv
					  customers-mapping: %1$s/samples/customers.mapping.yml
					  transactions: transactions.csv
					offers: %1$s/samples/offers.yml
					templates:
					  folder: %1$s/templates
					  statement: statement/statement.ftlh
					  mailer: mailer/cross-sell.ftlh
					  email: email/cross-sell.html.ftlh
					  sms: sms/cross-sell.ftl
					email:
					  from: "Tidings Bank <statements@bank.example>"
					  reply-to: "Care <care@bank.example>"
					sender:
					  name: Tidings Bank
					  address: ["Praça do Comércio 1", "1100-148 Lisboa"]
					  phone: "+351 210 000 000"
					  website: bank.example
					""".formatted(PROJECT));
			return job;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
