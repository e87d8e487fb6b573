package io.tidings.email;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.LogFile;
import io.tidings.TestCampaigns;
import io.tidings.campaign.CampaignRunner;
import io.tidings.campaign.RunReport;
import io.tidings.campaign.SyntheticCustomers;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationReaders;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.RunRef;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliver stage on four delivery threads against a real SMTP server (GreenMail):
 * emails handed over at the same time, each exactly once, the pace held across all
 * threads, and a transport failure on one email that fails the step while the others in
 * flight are recorded.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentSmtpDeliveryFunctionalTests {

	private static final int THREADS = 4;

	private static final int PER_SECOND = 20;

	@TempDir
	static Path folder;

	@RegisterExtension
	static final FaultySmtpServer smtpServer = new FaultySmtpServer(ServerSetupTest.SMTP.dynamicPort());

	@Autowired
	CampaignRunner runner;

	@Autowired
	CommunicationReaders readers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tidings.home", () -> folder.resolve("home").toString());
		smtpServer.serveMail(registry);
		registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
		registry.add("tidings.run.delivery-threads", () -> THREADS);
		registry.add("tidings.run.max-deliveries-per-second", () -> PER_SECOND);
		registry.add("tidings.run.retries", () -> "1");
		registry.add("tidings.run.retry-delay", () -> "10ms");
	}

	@Test
	void shouldHandEmailsToTheSmtpServerOnSeveralThreadsAtOnceAndEachExactlyOnce() throws Exception {
		// given a server that takes longer over each message than the pace leaves between
		// two deliveries
		smtpServer.takeTimeOverData(Duration.ofMillis(250));
		Path job = campaignOfSyntheticCustomers("concurrent");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 9, 30), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Communication> emails = emails(report.run());
		assertThat(emails).hasSizeGreaterThanOrEqualTo(20)
			.allSatisfy(email -> assertThat(email.state()).isEqualTo(CommunicationState.SENT));
		assertThat(receivedIds()).as("each email received once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(ids(emails));
		assertThat(smtpServer.mostAtOnce.get()).as("messages the server was taking at the same time")
			.isGreaterThan(1)
			.isLessThanOrEqualTo(THREADS);
		assertThat(smtpServer.connections.get()).as("one connection per delivery thread").isBetween(2, THREADS);
	}

	@Test
	void shouldHoldThePaceAcrossAllDeliveryThreads() throws Exception {
		// given
		Path job = campaignOfSyntheticCustomers("paced");
		// when
		RunReport report = this.runner.run(job, LocalDate.of(2026, 8, 31), false);
		// then
		assertThat(report.completed()).as(String.valueOf(report.failure())).isTrue();
		List<Long> arrivals = smtpServer.dataArrivals.stream().sorted().toList();
		assertThat(arrivals).hasSizeGreaterThanOrEqualTo(20);
		// no more than one delivery (email or SMS) per slot; the first email may have
		// waited for its connection
		Duration slot = Duration.ofSeconds(1).dividedBy(PER_SECOND);
		assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)))
			.isGreaterThanOrEqualTo(slot.multipliedBy(arrivals.size() - 2));
	}

	@Test
	void shouldFailTheStepWhenOneEmailKeepsFailingRecordTheOthersAndSendTheRestOnceWhenTheRunResumes(
			CapturedOutput output) throws Exception {
		// given a server that defers one recipient for good after three messages
		smtpServer.deferForGoodAfter(3);
		Path job = campaignOfSyntheticCustomers("one-failing");
		LocalDate asOf = LocalDate.of(2026, 7, 31);
		// when
		RunReport failed = this.runner.run(job, asOf, false);
		// then what the server took is recorded as sent, the rest is left for the resumed
		// run, nothing is in doubt
		assertThat(failed.completed()).isFalse();
		assertThat(failed.failure()).contains("451");
		String stuck = smtpServer.stuck.get();
		assertThat(stuck).isNotNull();
		// the server's reply quotes the recipient; the failure logged (on the terminal
		// and, with its trace, in the log file) and reported does not
		assertThat(failed.failure()).doesNotContain(stuck);
		assertThat(output.getAll() + LogFile.read()).contains("451").doesNotContain(stuck);
		List<Communication> emails = emails(failed.run());
		List<Communication> sent = inState(emails, CommunicationState.SENT);
		assertThat(sent).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy(email -> assertThat(email.reasonCode()).as("in doubt").isNull());
		assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(ids(sent));
		assertThat(inState(emails, CommunicationState.RENDERED)).isNotEmpty().hasSize(emails.size() - sent.size());
		// when the server takes the recipient again
		smtpServer.deferForGoodAfter(Integer.MAX_VALUE);
		RunReport resumed = this.runner.run(job, asOf, false);
		// then
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(resumed.resumed()).isTrue();
		List<Communication> all = emails(resumed.run());
		assertThat(all).hasSize(emails.size()).allSatisfy(email -> {
			assertThat(email.state()).isEqualTo(CommunicationState.SENT);
			assertThat(email.reasonCode()).isNull();
		});
		assertThat(receivedIds()).as("each email received once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(ids(all));
		assertThat(recipients()).as("the deferred recipient").containsOnlyOnce(stuck);
	}

	/**
	 * The small campaign over 80 synthetic customers: enough emails for several of them
	 * on each delivery thread.
	 */
	private static Path campaignOfSyntheticCustomers(String name) throws Exception {
		Path job = TestCampaigns.smallCampaign(folder.resolve(name));
		SyntheticCustomers.write(80, job.getParent());
		return job;
	}

	private List<Communication> emails(RunRef run) {
		return SmtpEmailDeliveryFunctionalTests.emails(this.readers, run);
	}

	private static List<Communication> inState(List<Communication> emails, CommunicationState state) {
		return emails.stream().filter(email -> email.state() == state).toList();
	}

	private static Set<String> ids(List<Communication> emails) {
		return emails.stream().map(email -> email.id().value()).collect(Collectors.toSet());
	}

	private static List<String> receivedIds() throws MessagingException {
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : smtpServer.getReceivedMessages()) {
			ids.add(message.getHeader("X-Tidings-Communication-Id")[0]);
		}
		return ids;
	}

	private static List<String> recipients() throws MessagingException {
		List<String> recipients = new ArrayList<>();
		for (MimeMessage message : smtpServer.getReceivedMessages()) {
			recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
		}
		return recipients;
	}

}
