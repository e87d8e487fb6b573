package io.tidings.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.email.OneClickUnsubscribe;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /unsubscribe/{communicationId}}: the one-click unsubscribe endpoint (RFC
 * 8058) that {@code tidings.email.unsubscribe-url} points marketing email at. Mail
 * clients post {@code List-Unsubscribe=One-Click} to it without a session or a
 * confirmation page, so any post opts the recipient out; an id Tidings does not know is
 * answered 200 as well, so the endpoint tells nothing about which ids exist.
 */
@RestController
class UnsubscribeController {

	private static final Logger logger = LoggerFactory.getLogger(UnsubscribeController.class);

	private final OneClickUnsubscribe unsubscribe;

	UnsubscribeController(OneClickUnsubscribe unsubscribe) {
		this.unsubscribe = unsubscribe;
	}

	@PostMapping("/unsubscribe/{communicationId}")
	ResponseEntity<String> unsubscribe(@PathVariable String communicationId) {
		if (!this.unsubscribe.unsubscribe(communicationId)) {
			logger.info("One-click unsubscribe for an id that names no email Tidings sent");
		}
		return ResponseEntity.ok("You are unsubscribed from our marketing email.\n");
	}

}
