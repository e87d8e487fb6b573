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
 * @param unsubscribeUrl HTTPS URL of the one-click unsubscribe endpoint (RFC 8058) put in
 * the {@code List-Unsubscribe} header of marketing email; {@code {communicationId}} in it
 * is replaced by the communication id, else the id is added as the
 * {@code communicationId} query parameter. Unset: no unsubscribe URL
 * @param unsubscribeMailto address that unsubscribes by email, also listed in
 * {@code List-Unsubscribe} (optional)
 */
@ConfigurationProperties("tidings.email")
public record EmailSettings(@DefaultValue("tidings.invalid") String messageIdDomain, @Nullable String unsubscribeUrl,
		@Nullable String unsubscribeMailto) {

	/**
	 * The {@code List-Unsubscribe} header value for a communication, or null when nothing
	 * is configured.
	 */
	@Nullable String listUnsubscribe(String communicationId) {
		StringBuilder header = new StringBuilder();
		if (this.unsubscribeUrl != null && !this.unsubscribeUrl.isBlank()) {
			String url = this.unsubscribeUrl.strip();
			if (url.contains("{communicationId}")) {
				url = url.replace("{communicationId}", communicationId);
			}
			else {
				url = url + (url.contains("?") ? "&" : "?") + "communicationId=" + communicationId;
			}
			header.append('<').append(url).append('>');
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

	/** Whether one-click unsubscribe (RFC 8058) is offered: it needs an HTTPS URL. */
	boolean oneClick() {
		return this.unsubscribeUrl != null && this.unsubscribeUrl.strip().startsWith("https://");
	}

}
