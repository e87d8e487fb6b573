package io.tidings.email;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidings.outbox.Channel;
import io.tidings.outbox.Communication;
import io.tidings.outbox.CommunicationId;
import io.tidings.outbox.CommunicationState;
import io.tidings.outbox.DecisionDetails;
import io.tidings.outbox.DocumentKind;
import io.tidings.outbox.RunRef;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emails per second into a local SMTP server (GreenMail), through the SMTP sender the
 * deliver stage uses, with pooled connections (one per delivering thread, kept open) and
 * with one connection per message, in one run, on the same messages and threads.
 *
 * <p>
 * Run with {@code ./mvnw -B -Pbench test -Dtest=SmtpThroughputBenchmark}; messages and
 * threads with {@code -Dtidings.bench.emails=20000 -Dtidings.bench.threads=4}.
 */
@Tag("benchmark")
class SmtpThroughputBenchmark {

	@TempDir
	Path folder;

	@Test
	void shouldSendAtLeastFiveHundredEmailsPerSecondOverPooledConnections() throws Exception {
		int emails = Integer.getInteger("tidings.bench.emails", 10_000);
		int threads = Integer.getInteger("tidings.bench.threads", 4);
		GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		server.start();
		try {
			JavaMailSenderImpl mail = new JavaMailSenderImpl();
			mail.setHost(server.getSmtp().getBindTo());
			mail.setPort(server.getSmtp().getPort());
			Path document = message(mail.getSession());
			// warm up both paths (class loading, JIT, the server's first connections)
			rate(new SmtpEmailSender(mail, true, null), document, 500, threads);
			rate(new SmtpEmailSender(mail, false, null), document, 500, threads);
			server.purgeEmailFromAllMailboxes();
			double perMessage = rate(new SmtpEmailSender(mail, false, null), document, emails, threads);
			server.purgeEmailFromAllMailboxes();
			double pooled = rate(new SmtpEmailSender(mail, true, null), document, emails, threads);
			int received = server.getReceivedMessages().length;
			System.out.printf(Locale.ROOT,
					"SMTP benchmark: %,d emails of %,d bytes, %d threads: pooled %,.0f/s, one connection per message "
							+ "%,.0f/s (x%.1f)%n",
					emails, Files.size(document), threads, pooled, perMessage, pooled / perMessage);
			assertThat(received).isEqualTo(emails);
			assertThat(pooled).isGreaterThanOrEqualTo(500);
		}
		finally {
			server.stop();
		}
	}

	private static double rate(SmtpEmailSender sender, Path document, int emails, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			long start = System.nanoTime();
			for (int t = 0; t < threads; t++) {
				int count = emails / threads + ((t < emails % threads) ? 1 : 0);
				work.add(pool.submit(() -> {
					for (int i = 0; i < count; i++) {
						sender.send(COMMUNICATION, document);
					}
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return emails / seconds;
		}
		finally {
			sender.close();
			pool.shutdown();
		}
	}

	/** A statement-sized marketing email: text and HTML alternatives, about 6 KB. */
	private Path message(Session session) throws Exception {
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("statements@bank.example", "Tidings Bank", "UTF-8"));
		message.setRecipient(MimeMessage.RecipientType.TO,
				new InternetAddress("zoe@example.com", "Zoë Brontë-Smith", "UTF-8"));
		message.setSubject("Earn more on your savings", "UTF-8");
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Dear Zoë,\n\n" + "Lock in a fixed rate for 12 months on any amount from 1,000.\n".repeat(20),
				"UTF-8");
		MimeBodyPart html = new MimeBodyPart();
		html.setContent("<html><body><p>Dear Zoë,</p>"
				+ "<p>Lock in a fixed rate for 12 months on any amount from 1,000.</p>".repeat(40) + "</body></html>",
				"text/html; charset=UTF-8");
		message.setContent(new MimeMultipart("alternative", text, html));
		message.saveChanges();
		Path file = this.folder.resolve("email.eml");
		try (OutputStream out = Files.newOutputStream(file)) {
			message.writeTo(out);
		}
		return file;
	}

	private static final Communication COMMUNICATION = new Communication(
			new CommunicationId("00000000-0000-5000-8000-000000000001"), new RunRef("bench", "2026-01-01"), "B001",
			Channel.EMAIL, DocumentKind.CROSS_SELL, null, "email/cross-sell.html.ftlh", "benchmark",
			CommunicationState.RENDERED, null, null, null, null, null, Instant.EPOCH, null, null, null, null, null,
			null, null, null, new DecisionDetails(null, null, null, null));

}
