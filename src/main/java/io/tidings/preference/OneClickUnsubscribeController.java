package io.tidings.preference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /unsubscribe/{token}}: one-click unsubscribe (RFC 8058), the URL of the
 * {@code List-Unsubscribe} header. Mail clients post {@code List-Unsubscribe=One-Click}
 * without a session, a CSRF token or a confirmation page: the recipient is opted out of
 * marketing on the channel of the message at once. The answer is 200 with no body,
 * whether the link was valid, already used or not: it tells nothing about which links
 * exist. A {@code GET} (a mail client that only opens the link) leads to the preference
 * page, since following a link must not unsubscribe anyone.
 */
@RestController
class OneClickUnsubscribeController {

	private static final Logger logger = LoggerFactory.getLogger(OneClickUnsubscribeController.class);

	private final PreferenceCentre centre;

	OneClickUnsubscribeController(PreferenceCentre centre) {
		this.centre = centre;
	}

	@PostMapping("/unsubscribe/{token}")
	ResponseEntity<Void> unsubscribe(@PathVariable String token) {
		this.centre.recipient(token).ifPresent(recipient -> {
			if (this.centre.unsubscribe(recipient)) {
				logger.info("One-click unsubscribe from {} marketing by the recipient of communication {}",
						recipient.communication().channel().folder(), recipient.communication().id());
			}
		});
		return ResponseEntity.ok().build();
	}

	@GetMapping("/unsubscribe/{token}")
	ResponseEntity<Void> open(@PathVariable String token) {
		String path = "/p/" + (LinkTokens.wellFormed(token) ? token : "-");
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", path).build();
	}

}
