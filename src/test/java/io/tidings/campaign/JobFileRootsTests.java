package io.tidings.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.InvalidInputException;
import io.tidings.TestCampaigns;
import io.tidings.TidingsHome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A job file names template folders, offers and inputs only inside the project folder
 * (the one holding {@code jobs/}) and the home, or the roots configured instead, never in
 * the secrets folder, wherever symbolic links lead.
 */
class JobFileRootsTests {

	@TempDir
	Path folder;

	Path project;

	Path home;

	@BeforeEach
	void project() throws IOException {
		this.project = this.folder.resolve("project");
		this.home = this.project.resolve("var");
		Files.createDirectories(this.project.resolve("jobs"));
		Files.createDirectories(this.project.resolve("templates/sms"));
		Files.writeString(this.project.resolve("offers.yml"), "offers: []\n");
		Files.createDirectories(this.home.resolve("secrets"));
		Files.writeString(this.home.resolve("secrets/tidings.links.secret"), "the-link-signing-key");
	}

	@Test
	void shouldAcceptTheDemoJobFile() {
		// given
		Path demo = TestCampaigns.PROJECT.resolve("jobs/quarterly-statements.yml");
		JobFileRoots roots = roots(null, TestCampaigns.PROJECT.resolve("var"));
		// when
		CampaignDefinition definition = roots.confine(CampaignDefinition.load(demo));
		// then
		assertThat(definition.templates().folder()).isEqualTo(TestCampaigns.PROJECT.resolve("templates"));
		assertThat(JobFileRoots.projectFolder(demo)).isEqualTo(TestCampaigns.PROJECT);
	}

	@Test
	void shouldRefuseATemplateFolderThatMakesTheLinkSigningKeyAnSmsTemplate() throws IOException {
		// given
		Path job = job("/", "sms: " + this.home.resolve("secrets/tidings.links.secret").toString().substring(1));
		// then
		assertRefused(job,
				":12: field 'templates.folder': / is outside the folders job files may name ("
						+ this.project.toRealPath() + ", " + this.home.toRealPath()
						+ "); tidings.jobs.allowed-roots sets them");
	}

	@Test
	void shouldRefuseATemplateFolderAboveTheProject() throws IOException {
		// given
		Files.createDirectories(this.folder.resolve("etc"));
		Path job = job("../../etc", "sms: sms/cross-sell.ftl");
		// then
		assertRefused(job, ":12: field 'templates.folder': " + this.folder.resolve("etc") + " is outside");
	}

	@Test
	void shouldFollowSymbolicLinksBeforeChecking() throws IOException {
		// given
		Path outside = Files.createDirectories(this.folder.resolve("elsewhere"));
		Files.createSymbolicLink(this.project.resolve("linked"), outside);
		Path job = job("../linked", "sms: sms/cross-sell.ftl");
		// then
		assertRefused(job, ":12: field 'templates.folder': " + this.project.resolve("linked") + " ("
				+ outside.toRealPath() + ") is outside");
	}

	@Test
	void shouldRefuseTheSecretsFolderInsideAnAllowedRoot() throws IOException {
		// given
		Path job = job("../var/secrets", "sms: tidings.links.secret");
		// then
		assertRefused(job, ":12: field 'templates.folder': " + this.home.resolve("secrets") + " is in "
				+ this.home.resolve("secrets").toRealPath() + ", which job files may not name");
	}

	@Test
	void shouldRefuseOffersAndInputsOutsideTheRoots() throws IOException {
		// given
		Path outside = Files.writeString(this.folder.resolve("customers.csv"), "id\n");
		Path job = job("../templates", "sms: sms/cross-sell.ftl");
		Files.writeString(job, Files.readString(job) + "inputs:\n  customers: " + outside + "\n");
		Path offers = job("../templates", "sms: sms/cross-sell.ftl");
		Files.writeString(offers, Files.readString(offers).replace("offers: ../offers.yml", "offers: " + outside));
		// then
		assertRefused(job, ":18: field 'inputs.customers': " + outside + " is outside");
		assertRefused(offers, ":8: field 'offers': " + outside + " is outside");
	}

	@Test
	void shouldAcceptAFolderOfTheConfiguredRoots() throws IOException {
		// given
		Path shared = Files.createDirectories(this.folder.resolve("shared/templates"));
		Path job = job(shared.toString(), "sms: sms/cross-sell.ftl");
		// when
		CampaignDefinition definition = roots(List.of(this.folder.resolve("shared"), this.project), this.home)
			.confine(CampaignDefinition.load(job));
		// then
		assertThat(definition.templates().folder()).isEqualTo(shared);
		assertRefused(job, ":12: field 'templates.folder': " + shared + " is outside");
	}

	private JobFileRoots roots(@Nullable List<Path> configured, Path home) {
		return new JobFileRoots(new JobFileSettings(configured), new TidingsHome(home));
	}

	private void assertRefused(Path job, String message) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> roots(null, this.home).confine(CampaignDefinition.load(job)))
			.withMessageStartingWith(job + message);
	}

	private Path job(String templateFolder, String sms) throws IOException {
		Path job = Files.createTempFile(this.project.resolve("jobs"), "campaign", ".yml");
		Files.writeString(job, """
				campaign: confined
				schedule:
				  cron: "0 0 6 2 1,4,7,10 *"
				audience:
				  segment: "true"
				email:
				  from: "Bank <bank@bank.example>"
				offers: ../offers.yml
				sender:
				  name: Bank
				templates:
				  folder: %s
				  statement: statement/statement.ftlh
				  mailer: mailer/cross-sell.ftlh
				  email: email/cross-sell.html.ftlh
				  %s
				""".formatted(templateFolder, sms));
		return job;
	}

}
