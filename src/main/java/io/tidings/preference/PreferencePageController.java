package io.tidings.preference;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidings.preference.PreferenceCentre.Preferences;
import io.tidings.preference.PreferenceCentre.Recipient;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The preference centre's public pages: {@code /p/{token}} (marketing per channel and
 * paperless statements, with the current state) and {@code /p/{token}/interest} ("I'm
 * interested" in the offer of the message, optionally with a call-back request). Forms
 * post back to the same address with a CSRF token, then redirect. A link that is not
 * valid (unknown, tampered, expired, signed with a key no longer accepted) always gets
 * the same page with 404.
 */
@Controller
class PreferencePageController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private static final Logger logger = LoggerFactory.getLogger(PreferencePageController.class);

	private final PreferenceCentre centre;

	private final PreferencePages pages = new PreferencePages();

	PreferencePageController(PreferenceCentre centre) {
		this.centre = centre;
	}

	@GetMapping("/p/{token}")
	ResponseEntity<String> preferences(@PathVariable String token, @RequestParam Optional<String> saved,
			HttpServletRequest request) {
		Optional<Recipient> recipient = this.centre.recipient(token);
		if (recipient.isEmpty()) {
			return invalid(request);
		}
		Recipient found = recipient.get();
		Preferences current = this.centre.current(found.customer());
		return html(this.pages.render("preferences", found.customer().language(),
				Map.of("current",
						Map.of("email", current.email(), "sms", current.sms(), "post", current.post(), "paperless",
								current.paperless()),
						"hasEmail", found.customer().email() != null, "saved", saved.isPresent(), "csrf",
						csrf(request))));
	}

	@PostMapping("/p/{token}")
	ResponseEntity<String> save(@PathVariable String token, @RequestParam(defaultValue = "false") boolean email,
			@RequestParam(defaultValue = "false") boolean sms, @RequestParam(defaultValue = "false") boolean post,
			@RequestParam(defaultValue = "paper") String statements, HttpServletRequest request) {
		Optional<Recipient> recipient = this.centre.recipient(token);
		if (recipient.isEmpty()) {
			return invalid(request);
		}
		if (this.centre.save(recipient.get(), new Preferences(email, sms, post, "paperless".equals(statements)))) {
			logger.info("Preference centre: choices of the recipient of communication {} recorded",
					recipient.get().communication().id());
		}
		return redirect("/p/" + token + "?saved");
	}

	@GetMapping("/p/{token}/interest")
	ResponseEntity<String> interest(@PathVariable String token, @RequestParam Optional<String> done,
			HttpServletRequest request) {
		Optional<Recipient> recipient = this.centre.recipient(token);
		if (recipient.isEmpty()) {
			return invalid(request);
		}
		Recipient found = recipient.get();
		return html(this.pages.render("interest", found.customer().language(),
				Map.of("hasOffer", found.communication().offerCode() != null, "done",
						done.isPresent() || this.centre.interestRegistered(found), "preferencesPath", "/p/" + token,
						"csrf", csrf(request))));
	}

	@PostMapping("/p/{token}/interest")
	ResponseEntity<String> registerInterest(@PathVariable String token,
			@RequestParam(defaultValue = "false") boolean callBack, HttpServletRequest request) {
		Optional<Recipient> recipient = this.centre.recipient(token);
		if (recipient.isEmpty() || recipient.get().communication().offerCode() == null) {
			return invalid(request);
		}
		if (this.centre.registerInterest(recipient.get(), callBack)) {
			logger.info("Preference centre: interest registered for communication {}",
					recipient.get().communication().id());
		}
		return redirect("/p/" + token + "/interest?done");
	}

	private ResponseEntity<String> invalid(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(HTML)
			.body(this.pages.invalid(request.getLocale().getLanguage()));
	}

	private static ResponseEntity<String> html(String page) {
		return ResponseEntity.ok().contentType(HTML).body(page);
	}

	private static ResponseEntity<String> redirect(String path) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", path).build();
	}

	private static Map<String, String> csrf(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			throw new IllegalStateException("the preference centre's forms need Spring Security's CSRF protection");
		}
		return Map.of("name", token.getParameterName(), "token", token.getToken());
	}

}
