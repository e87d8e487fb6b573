package io.tidings.email;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email settings ({@code tidings.email.*}); the SMTP server itself is configured with
 * Spring Boot's {@code spring.mail.*} properties.
 *
 * @param messageIdDomain right-hand side of Message-IDs
 * ({@code <communication-id@domain>})
 * @param unsubscribeMailto address that unsubscribes by email, also listed in
 * {@code List-Unsubscribe} (optional)
 * @param verpPattern envelope sender of each email over SMTP, with {@code {id}} where the
 * communication id goes ({@code bounces+{id}@bank.example}); unset, the From address is
 * the envelope sender
 */
@ConfigurationProperties("tidings.email")
public record EmailSettings(@DefaultValue("tidings.invalid") String messageIdDomain, @Nullable String unsubscribeMailto,
		@Nullable String verpPattern) {

	public EmailSettings {
		if (verpPattern != null && verpPattern.isBlank()) {
			verpPattern = null;
		}
		if (verpPattern != null) {
			new VerpAddress(verpPattern.strip());
		}
	}

	/** The per-message envelope sender, when configured. */
	@Nullable VerpAddress verp() {
		return (this.verpPattern != null) ? new VerpAddress(this.verpPattern.strip()) : null;
	}

	/**
	 * The {@code List-Unsubscribe} header value for a communication, or null when there
	 * is neither an unsubscribe URL nor an unsubscribe address.
	 * @param unsubscribeUrl the signed one-click unsubscribe link of the communication
	 */
	@Nullable String listUnsubscribe(@Nullable String unsubscribeUrl, String communicationId) {
		StringBuilder header = new StringBuilder();
		if (unsubscribeUrl != null) {
			header.append('<').append(unsubscribeUrl).append('>');
		}
		if (this.unsubscribeMailto != null && !this.unsubscribeMailto.isBlank()) {
			if (header.length() > 0) {
				header.append(", ");
			}
			header.append("<mailto:")
				.append(this.unsubscribeMailto.strip())
				.append("?subject=unsubscribe%20")
				.append(communicationId)
				.append('>');
		}
		return (header.length() > 0) ? header.toString() : null;
	}

	/** Whether one-click unsubscribe (RFC 8058) may be offered: it needs an HTTPS URL. */
	static boolean oneClick(@Nullable String unsubscribeUrl) {
		return unsubscribeUrl != null && unsubscribeUrl.startsWith("https://");
	}

}
