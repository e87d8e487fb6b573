package io.tidings.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import io.tidings.outbox.CommunicationId;

/**
 * A per-message envelope sender (VERP): the SMTP {@code MAIL FROM}, and so the
 * {@code Return-Path} a bounce is sent to, carries the communication id, as in
 * {@code bounces+<communication-id>@bank.example}. A bounce that returns nothing of the
 * original message still names its email by the address it was delivered to.
 *
 * @param pattern the address with {@value #ID} where the communication id goes
 */
record VerpAddress(String pattern) {

	static final String ID = "{id}";

	private static final String UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

	VerpAddress {
		int at = pattern.indexOf(ID);
		if (at < 0 || pattern.indexOf(ID, at + 1) >= 0 || pattern.indexOf('@') < at) {
			throw new IllegalArgumentException("tidings.email.verp-pattern '" + pattern + "' must hold " + ID
					+ " once, before the @ (e.g. bounces+" + ID + "@bank.example)");
		}
		try {
			new InternetAddress(pattern.replace(ID, "00000000-0000-0000-0000-000000000000"), true);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException(
					"tidings.email.verp-pattern '" + pattern + "' is not an email address: " + ex.getMessage());
		}
	}

	/** The envelope sender of a communication's email. */
	String of(CommunicationId id) {
		return this.pattern.replace(ID, id.value());
	}

	/**
	 * The communication id a recipient address carries, when it is an address of this
	 * pattern (in any letter case, inside angle brackets or a header value).
	 */
	Optional<CommunicationId> communicationIn(@Nullable String address) {
		if (address == null) {
			return Optional.empty();
		}
		int at = this.pattern.indexOf(ID);
		Pattern verp = Pattern.compile(Pattern.quote(this.pattern.substring(0, at)) + UUID
				+ Pattern.quote(this.pattern.substring(at + ID.length())), Pattern.CASE_INSENSITIVE);
		Matcher matcher = verp.matcher(address);
		return matcher.find() ? Optional.of(new CommunicationId(matcher.group(1).toLowerCase(Locale.ROOT)))
				: Optional.empty();
	}

}
