package io.tidings.sms;

import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.http.TwilioRestClient;
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

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SMS requests per second through the Twilio SDK against the local fake of the Twilio API
 * (WireMock): without a limit, and at configured rates from several delivering threads,
 * where the rate the fake receives must stay within 5% of the configured one.
 *
 * <p>
 * Run with {@code ./mvnw -B -Pbench test -Dtest=SmsRateBenchmark}; rates with
 * {@code -Dtidings.bench.sms-rates=10,50,200} and seconds per rate with
 * {@code -Dtidings.bench.sms-seconds=10}.
 */
@Tag("benchmark")
class SmsRateBenchmark {

	private static final String JOAO = "+351912345678";

	@TempDir
	Path folder;

	@Test
	void shouldHoldTheConfiguredRateWithinFivePercent() throws Exception {
		WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(16));
		twilio.start();
		try {
			TwilioFake.accept(twilio, JOAO, TwilioFake.sid("SM", 1));
			Path document = this.folder.resolve("sms.json");
			Files.write(document, new SmsMessage(COMMUNICATION.id().value(), JOAO,
					"Tidings Bank: Earn a fixed rate for 12 months: open a term deposit in the app. Reply INFO.",
					"GSM-7", 1)
				.toJson());
			int threads = Integer.getInteger("tidings.bench.threads", 4);
			int seconds = Integer.getInteger("tidings.bench.sms-seconds", 10);
			send(twilio, document, 0, 300, threads);
			twilio.resetRequests();
			double unlimited = send(twilio, document, 0, 2000, threads);
			System.out.printf(Locale.ROOT, "SMS benchmark: no limit, %d threads: %,.0f requests/s%n", threads,
					unlimited);
			for (String value : System.getProperty("tidings.bench.sms-rates", "10,50,200").split(",")) {
				double configured = Double.parseDouble(value.strip());
				twilio.resetRequests();
				double measured = send(twilio, document, configured, (int) (configured * seconds), threads);
				System.out.printf(Locale.ROOT,
						"SMS benchmark: %,.0f/s configured, %d threads, %,d messages: %,.1f requests/s (%+.1f%%)%n",
						configured, threads, (int) (configured * seconds), measured, 100 * (measured / configured - 1));
				assertThat(measured).isCloseTo(configured, within(configured * 0.05));
			}
		}
		finally {
			twilio.stop();
		}
	}

	/**
	 * Sends messages from several threads and returns the rate the fake received them at,
	 * from the first request to the last.
	 */
	private static double send(WireMockServer twilio, Path document, double perSecond, int messages, int threads)
			throws Exception {
		SmsSettings settings = new SmsSettings(TwilioFake.ACCOUNT_SID, TwilioFake.AUTH_TOKEN, TwilioFake.FROM, null,
				URI.create("http://localhost:" + twilio.port()), null, 4, perSecond, null, Duration.ofSeconds(30));
		TwilioRestClient client = new TwilioRestClient.Builder(TwilioFake.ACCOUNT_SID, TwilioFake.AUTH_TOKEN)
			.httpClient(new BaseUrlTwilioHttpClient(settings.baseUrl(), settings.timeout()))
			.build();
		TwilioSmsSender sender = new TwilioSmsSender(client, settings);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int count = messages / threads + ((t < messages % threads) ? 1 : 0);
				work.add(pool.submit(() -> {
					for (int i = 0; i < count; i++) {
						sender.send(COMMUNICATION, document);
					}
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
		}
		finally {
			pool.shutdown();
		}
		List<LoggedRequest> requests = twilio.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(messages);
		long first = requests.stream()
			.map(LoggedRequest::getLoggedDate)
			.min(Comparator.naturalOrder())
			.orElseThrow()
			.getTime();
		long last = requests.stream()
			.map(LoggedRequest::getLoggedDate)
			.max(Comparator.naturalOrder())
			.orElseThrow()
			.getTime();
		return (messages - 1) / ((last - first) / 1000.0);
	}

	private static final Communication COMMUNICATION = new Communication(
			new CommunicationId("00000000-0000-5000-8000-000000000002"), new RunRef("bench", "2026-01-01"), "B002",
			Channel.SMS, DocumentKind.CROSS_SELL, null, "sms/cross-sell.ftl", "benchmark", CommunicationState.RENDERED,
			null, null, null, null, null, Instant.EPOCH, null, null, null, null, null, null, null, null,
			new DecisionDetails(null, null, null, null));

}
