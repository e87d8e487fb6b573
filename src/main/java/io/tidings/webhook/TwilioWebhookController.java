package io.tidings.webhook;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.sms.SmsReport;
import io.tidings.sms.SmsReports;
import io.tidings.sms.TwilioSignatures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Twilio's webhooks: {@code POST /webhooks/twilio/status} (status callbacks, with the
 * communication id in the query string) and {@code POST /webhooks/twilio/inbound}
 * (replies: STOP, START, HELP... in any configured language; a help request is answered
 * with the configured help text). A request without a valid Twilio signature is refused
 * with 403; a valid one is answered 200 even when it names a message Tidings does not
 * know (Twilio would retry anything else), and kept as unknown.
 */
@RestController
class TwilioWebhookController {

	private static final Logger logger = LoggerFactory.getLogger(TwilioWebhookController.class);

	/** TwiML that sends no reply: Twilio itself answers STOP and START. */
	private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	/** TwiML that replies with one message. */
	private static final String MESSAGE_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>%s"
			+ "</Message></Response>";

	private final TwilioSignatures signatures;

	private final SmsReports reports;

	private final RefusedCalls refused;

	TwilioWebhookController(TwilioSignatures signatures, SmsReports reports, ObjectProvider<MeterRegistry> registry,
			Clock clock) {
		this.signatures = signatures;
		this.reports = reports;
		this.refused = new RefusedCalls(registry.getIfAvailable(SimpleMeterRegistry::new), clock);
	}

	@PostMapping(path = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> status(HttpServletRequest request) {
		return handle(request, (report, outcome) -> ResponseEntity.ok().build());
	}

	/**
	 * A help request is answered in the TwiML of its own webhook call, the first time it
	 * is recorded only: a retried call gets no second answer, and nothing waits in the
	 * ledger to be sent days later.
	 */
	@PostMapping(path = "/webhooks/twilio/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> inbound(HttpServletRequest request) {
		return handle(request, (report, outcome) -> {
			String twiml = (outcome == SmsReports.Outcome.HELP_REQUESTED) ? this.reports.helpAnswer(report)
				.map(answer -> MESSAGE_TWIML.formatted(HtmlUtils.htmlEscape(answer, "UTF-8")))
				.orElse(EMPTY_TWIML) : EMPTY_TWIML;
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml);
		});
	}

	private ResponseEntity<String> handle(HttpServletRequest request,
			BiFunction<SmsReport, SmsReports.Outcome, ResponseEntity<String>> accepted) {
		String query = request.getQueryString();
		MultiValueMap<String, String> queryParameters = UriComponentsBuilder.newInstance()
			.query(query)
			.build()
			.getQueryParams();
		Map<String, String> form = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			int fromQuery = queryParameters.getOrDefault(name, List.of()).size();
			if (values.length > fromQuery) {
				form.put(name, values[values.length - 1]);
			}
		});
		String suffix = (query != null) ? "?" + query : "";
		if (!this.signatures.valid(request.getRequestURL() + suffix, request.getRequestURI() + suffix, form,
				request.getHeader("X-Twilio-Signature"))) {
			this.refused.refused(request.getRequestURI());
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		Map<String, String> fields = new HashMap<>(form);
		String communicationId = request.getParameter("communicationId");
		if (communicationId != null) {
			fields.put("communicationId", communicationId);
		}
		SmsReport report = SmsReport.of(fields::get);
		SmsReports.Outcome outcome = this.reports.apply(report, "webhook", 0);
		logger.debug("Twilio webhook {}: {}", request.getRequestURI(), outcome);
		return accepted.apply(report, outcome);
	}

}
